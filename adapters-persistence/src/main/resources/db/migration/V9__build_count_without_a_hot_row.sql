-- The feed's total_builds was one row (build_totals) updated by a statement trigger on builds. The trigger fires at
-- the build's INSERT, the first statement of a build's creation, so every creation held that row's lock until it
-- committed, with its refs, tasks and dependencies still to write: concurrent creations queued behind each other
-- (20 ms per build at 4 concurrent creators, more for big builds).
--
-- Now each statement that inserts or deletes builds appends its delta as a row of its own: no row is ever updated, so
-- nothing waits. The total is the sum of the rows; the server folds them into one every few seconds
-- (albs_compact_build_count), so the sum stays a read of a handful of rows.
CREATE TABLE build_count (
    id    BIGSERIAL PRIMARY KEY,
    delta BIGINT NOT NULL
);
INSERT INTO build_count (delta) SELECT total FROM build_totals;
DROP TABLE build_totals;

-- the triggers of V6 keep calling this function
CREATE OR REPLACE FUNCTION albs_count_builds() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO build_count (delta) SELECT count(*) FROM inserted;
    ELSE
        INSERT INTO build_count (delta) SELECT -count(*) FROM deleted;
    END IF;
    RETURN NULL;
END
$$;

-- Folds the committed deltas into one row. Safe with concurrent writers and compactors: a delta committed meanwhile is
-- not in this statement's snapshot and stays; rows another compactor deleted first are skipped (and its sum row is
-- not in this snapshot either). Does nothing when there is at most one row.
CREATE FUNCTION albs_compact_build_count() RETURNS void LANGUAGE sql AS
$$
    WITH folded AS (
        DELETE FROM build_count WHERE (SELECT count(*) FROM build_count) > 1 RETURNING delta)
    INSERT INTO build_count (delta) SELECT sum(delta) FROM folded HAVING count(*) > 0;
$$;
