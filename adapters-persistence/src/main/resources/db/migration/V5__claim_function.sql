-- The next task for a node, locked, in one round trip:
--   1. the started task whose lease expired first (it has waited longest), else
--   2. fair share: owners with ready tasks, fewest tasks in flight (started, live lease) first, ties broken by
--      the oldest ready task; within the owner, FIFO by id.
-- Every probe is an indexed ORDER BY ... LIMIT 1 FOR UPDATE SKIP LOCKED, so concurrent callers (on any server
-- instance) never get the same row and never wait for each other; only the returned row stays locked.
-- Excluded packages are ILIKE patterns on the ref URL (case-insensitive substrings, as upstream matches them).
CREATE FUNCTION albs_next_task(p_arches text[], p_patterns text[], p_now timestamp)
    RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    v_id    bigint;
    v_owner bigint;
BEGIN
    SELECT t.id INTO v_id
      FROM build_tasks t
     WHERE t.status = 1 AND t.lease_expires_at <= p_now AND t.arch = ANY (p_arches)
       AND (cardinality(p_patterns) = 0 OR NOT EXISTS (
               SELECT 1 FROM build_task_refs x WHERE x.id = t.ref_id AND x.url ILIKE ANY (p_patterns)))
     ORDER BY t.lease_expires_at
     LIMIT 1 FOR UPDATE OF t SKIP LOCKED;
    IF FOUND THEN
        RETURN v_id;
    END IF;

    FOR v_owner IN
        WITH RECURSIVE o(owner_id) AS (
            (SELECT b.owner_id FROM build_tasks b WHERE b.status = 0 AND b.pending_deps = 0
              ORDER BY b.owner_id LIMIT 1)
            UNION ALL
            SELECT (SELECT b.owner_id FROM build_tasks b
                     WHERE b.status = 0 AND b.pending_deps = 0 AND b.owner_id > o.owner_id
                     ORDER BY b.owner_id LIMIT 1)
              FROM o WHERE o.owner_id IS NOT NULL)
        SELECT o.owner_id FROM o WHERE o.owner_id IS NOT NULL
         ORDER BY (SELECT count(*) FROM build_tasks s
                    WHERE s.status = 1 AND s.owner_id = o.owner_id AND s.lease_expires_at > p_now),
                  (SELECT min(r.id) FROM build_tasks r
                    WHERE r.status = 0 AND r.pending_deps = 0 AND r.owner_id = o.owner_id)
    LOOP
        SELECT t.id INTO v_id
          FROM build_tasks t
         WHERE t.owner_id = v_owner AND t.status = 0 AND t.pending_deps = 0 AND t.arch = ANY (p_arches)
           AND (cardinality(p_patterns) = 0 OR NOT EXISTS (
                   SELECT 1 FROM build_task_refs x WHERE x.id = t.ref_id AND x.url ILIKE ANY (p_patterns)))
         ORDER BY t.id
         LIMIT 1 FOR UPDATE OF t SKIP LOCKED;
        IF FOUND THEN
            RETURN v_id;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
