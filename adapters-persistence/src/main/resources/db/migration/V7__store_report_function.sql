-- build_done in one round trip, and the two rules it shares with the Java adapters (SqlTaskQueue, SqlBuilds), each
-- defined once here.

-- A finished task's dependants stop waiting for it. One that finished without running (cancelled, fast-failed)
-- may still wait for dependencies of its own: its dependants wait for those instead, so "after all earlier tasks
-- of the arch" still holds along the chain. Primary-key lookups only (ARRAY(...) keeps the planner off hash joins).
CREATE FUNCTION albs_release_dependants(p_task bigint, p_ran boolean)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NOT p_ran THEN
        WITH inherited AS (
            INSERT INTO build_task_dependency (build_task_id, build_task_dependency)
            SELECT d.build_task_id, x.build_task_dependency
              FROM build_task_dependency d
              JOIN build_task_dependency x ON x.build_task_id = d.build_task_dependency
             WHERE d.build_task_dependency = p_task
            ON CONFLICT DO NOTHING
            RETURNING build_task_id)
        UPDATE build_tasks SET pending_deps = pending_deps + i.n
          FROM (SELECT build_task_id, count(*) AS n FROM inherited GROUP BY build_task_id) i
         WHERE build_tasks.id = i.build_task_id;
        DELETE FROM build_task_dependency WHERE build_task_id = p_task;
    END IF;
    WITH d AS (DELETE FROM build_task_dependency WHERE build_task_dependency = p_task RETURNING build_task_id)
    UPDATE build_tasks SET pending_deps = pending_deps - 1 WHERE id = ANY (ARRAY(SELECT build_task_id FROM d));
END
$$;

-- The build's count of unfinished tasks moves by p_delta; at 0 the build is finished (finished_at kept if already
-- set), above 0 it is running again. Callers run it last in their transaction: it locks the build row.
CREATE FUNCTION albs_adjust_open_tasks(p_build bigint, p_delta integer, p_now timestamp)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE builds SET open_tasks = open_tasks + p_delta,
           finished_at = CASE WHEN open_tasks + p_delta <= 0 THEN COALESCE(finished_at, p_now) END
     WHERE id = p_build;
END
$$;

-- A node's report on its task (build_done), stored in one round trip. The application has already decided the
-- task's new state (the domain's state machine, on the row it locked); this function only writes that decision and
-- everything that comes with it, in the order the Java adapter used to issue the statements:
--   the task's state and history entry; artifacts, the artifact-store job (when there are artifacts) and
--   statistics; the ref's commit and the task's CAS facts; the SRPM for every task of the ref on the platform;
--   released dependants; last, the build's count of unfinished tasks (the build row is the last lock taken).
CREATE FUNCTION albs_store_report(
    p_task bigint, p_status integer, p_lease_holder bigint, p_lease_expires_at timestamp, p_attempt integer,
    p_error text, p_started_at timestamp, p_finished_at timestamp, p_built_srpm_url text,
    p_at timestamp, p_event text, p_node bigint, p_history_attempt integer, p_reason text,
    p_names text[], p_types text[], p_hrefs text[], p_sha256s text[], p_cas_hashes text[], p_statistics jsonb,
    p_git_commit_hash text, p_set_cas boolean, p_alma_commit_cas_hash text, p_cas_authenticated boolean,
    p_srpm_url text, p_srpm_hash text, p_tasks_ended integer, p_now timestamp)
    RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    v_build    bigint;
    v_ref      bigint;
    v_platform bigint;
BEGIN
    UPDATE build_tasks
       SET status = p_status, lease_holder = p_lease_holder, lease_expires_at = p_lease_expires_at,
           attempt = p_attempt, error = p_error, started_at = p_started_at, finished_at = p_finished_at,
           built_srpm_url = p_built_srpm_url,
           srpm_hash = CASE WHEN p_built_srpm_url IS NULL THEN NULL ELSE srpm_hash END,
           alma_commit_cas_hash = CASE WHEN p_set_cas THEN p_alma_commit_cas_hash ELSE alma_commit_cas_hash END,
           is_cas_authenticated = CASE WHEN p_set_cas THEN p_cas_authenticated ELSE is_cas_authenticated END
     WHERE id = p_task
    RETURNING build_id, ref_id, platform_id INTO v_build, v_ref, v_platform;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'build task % vanished while its report was stored', p_task;
    END IF;
    INSERT INTO build_task_history (build_task_id, at, event, status, node_user_id, attempt, reason)
    VALUES (p_task, p_at, p_event, p_status, p_node, p_history_attempt, p_reason);

    IF cardinality(p_names) > 0 THEN
        INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, cas_hash)
        SELECT p_task, x.n, x.ty, x.h, x.s, x.c
          FROM unnest(p_names, p_types, p_hrefs, p_sha256s, p_cas_hashes) AS x(n, ty, h, s, c);
        INSERT INTO artifact_import_jobs (build_task_id, created_at, next_attempt_at) VALUES (p_task, p_now, p_now);
    END IF;
    INSERT INTO performance_stats (build_task_id, statistics) VALUES (p_task, p_statistics);

    IF p_git_commit_hash IS NOT NULL THEN
        UPDATE build_task_refs SET git_commit_hash = p_git_commit_hash WHERE id = v_ref;
    END IF;
    IF p_srpm_url IS NOT NULL THEN
        UPDATE build_tasks SET built_srpm_url = p_srpm_url, srpm_hash = p_srpm_hash
         WHERE ref_id = v_ref AND platform_id = v_platform;
    END IF;

    PERFORM albs_release_dependants(p_task, p_started_at IS NOT NULL);
    IF p_tasks_ended <> 0 THEN
        PERFORM albs_adjust_open_tasks(v_build, -p_tasks_ended, p_now);
    END IF;
END
$$;
