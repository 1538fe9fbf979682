-- The feed's total_builds: each statement that inserts or deletes builds appends its count delta as a row of its own
-- (triggers builds_counted_insert/_delete, created in V6), so no row is ever updated and no build creation waits for
-- another; the total is the sum of the rows.
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

-- Folds the committed deltas into one row (BuildCountCompactor runs it every few seconds). Safe with concurrent
-- writers and compactors: a delta committed meanwhile is not in this statement's snapshot and stays; rows another
-- compactor deleted first are skipped (and its sum row is not in this snapshot either). Does nothing when there is
-- at most one row.
CREATE OR REPLACE FUNCTION albs_compact_build_count() RETURNS void LANGUAGE sql AS
$$
    WITH folded AS (
        DELETE FROM build_count WHERE (SELECT count(*) FROM build_count) > 1 RETURNING delta)
    INSERT INTO build_count (delta) SELECT sum(delta) FROM folded HAVING count(*) > 0;
$$;
