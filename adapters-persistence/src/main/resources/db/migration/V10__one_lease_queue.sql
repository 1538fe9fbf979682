-- Build tasks move onto the one lease queue (SqlLeaseTable): every kind of leased work has the same lease columns
-- and a history table whose actor column is named alike; every decision is the domain's, so the functions that
-- decided in SQL go. Status codes come from the Java enums through Flyway placeholders (FlywayPlaceholders).

ALTER TABLE build_tasks RENAME COLUMN ts TO lease_renewed_at;
ALTER TABLE build_task_history RENAME COLUMN node_user_id TO actor_user_id;

-- The claim (V5), the report (V7/V8) and their helpers: a claim is now one statement composed by the lease queue and
-- the build task kind, a report a batch of plain statements; the build's finish is decided by the domain.
DROP FUNCTION albs_next_task(text[], text[], timestamp);
DROP FUNCTION albs_store_report(bigint, integer, bigint, timestamp, integer, text, timestamp, timestamp, text,
    timestamp, text, bigint, integer, text, text[], text[], text[], text[], text[], jsonb, text, boolean, text, boolean,
    text, text, integer, timestamp);
DROP FUNCTION albs_release_dependants(bigint, boolean);
DROP FUNCTION albs_adjust_open_tasks(bigint, integer, timestamp);

-- A task that ended without running handed its dependencies on but kept counting them; it waits for nothing now.
UPDATE build_tasks SET pending_deps = 0 WHERE status IN (${build_task_ended}) AND pending_deps <> 0;
