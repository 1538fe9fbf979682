-- The feed's total_builds, whole and by owner, signed and released (the filters the UI's search sends alone or
-- together; any other filter counts the matching builds): each statement that inserts or deletes builds appends its
-- count deltas as rows of their own, one per (owner_id, signed, released) it touched (triggers
-- builds_counted_insert/_delete, created in V6), and a change of a build's owner or flags appends -1 for the old key
-- and +1 for the new (builds_counted_update, below). No row is ever updated, so no build creation waits for another;
-- a total is the sum of the rows of the keys asked for.
CREATE OR REPLACE FUNCTION albs_count_builds() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO build_count (owner_id, signed, released, delta)
        SELECT owner_id, signed, released, count(*) FROM inserted GROUP BY owner_id, signed, released;
    ELSE
        INSERT INTO build_count (owner_id, signed, released, delta)
        SELECT owner_id, signed, released, -count(*) FROM deleted GROUP BY owner_id, signed, released;
    END IF;
    RETURN NULL;
END
$$;

-- Row level and only for statements that set one of these columns, and only when one of them changes: signing and
-- releasing touch a few builds; the hot updates of a build (open_tasks, finished_at) never fire it.
CREATE OR REPLACE FUNCTION albs_recount_build() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO build_count (owner_id, signed, released, delta)
    VALUES (OLD.owner_id, OLD.signed, OLD.released, -1), (NEW.owner_id, NEW.signed, NEW.released, 1);
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS builds_counted_update ON builds;
CREATE TRIGGER builds_counted_update AFTER UPDATE OF owner_id, signed, released ON builds FOR EACH ROW
    WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.signed IS DISTINCT FROM NEW.signed
          OR OLD.released IS DISTINCT FROM NEW.released)
    EXECUTE FUNCTION albs_recount_build();

-- Folds the committed deltas into one row per key (BuildCountCompactor runs it every few seconds); keys that add up
-- to nothing disappear. Safe with concurrent writers and compactors: a delta committed meanwhile is not in this
-- statement's snapshot and stays; rows another compactor deleted first are skipped (and its sum rows are not in this
-- snapshot either). Does nothing when no key has more than one row.
CREATE OR REPLACE FUNCTION albs_compact_build_count() RETURNS void LANGUAGE sql AS
$$
    WITH folded AS (
        DELETE FROM build_count
         WHERE EXISTS (SELECT 1 FROM build_count GROUP BY owner_id, signed, released HAVING count(*) > 1)
        RETURNING owner_id, signed, released, delta)
    INSERT INTO build_count (owner_id, signed, released, delta)
    SELECT owner_id, signed, released, sum(delta) FROM folded GROUP BY owner_id, signed, released
    HAVING sum(delta) <> 0;
$$;

-- Rows written before the key columns existed (V24 added them; their keys are NULL) say nothing about owners or
-- flags: then the rows are made again from the builds themselves, with builds locked against writes (SHARE: reads
-- go on) for the time of one scan, so no delta is lost or counted twice. Runs once, at the upgrade.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM build_count WHERE owner_id IS NULL) THEN
        LOCK TABLE builds IN SHARE MODE;
        DELETE FROM build_count;
        INSERT INTO build_count (owner_id, signed, released, delta)
        SELECT owner_id, signed, released, count(*) FROM builds GROUP BY owner_id, signed, released;
    END IF;
END
$$;
