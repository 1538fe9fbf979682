-- Two cuts in what every status change of a build task costs PostgreSQL.
--
-- 1. The feed's arch and platform filters get their own small table, written once when tasks are created and never
--    updated. build_tasks loses build_tasks_arch_idx: a claim, a report or a released dependency changes status or
--    pending_deps (columns of the partial queue indexes), so none of them is a HOT update and each one inserted an
--    entry into every full index of build_tasks, this one included, only for a filter of the build list.
CREATE TABLE build_platform_arches (
    build_id    BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    platform_id BIGINT NOT NULL,
    arch        VARCHAR(50) NOT NULL,
    PRIMARY KEY (build_id, platform_id, arch)
);
CREATE INDEX build_platform_arches_arch_idx ON build_platform_arches (arch, build_id);
CREATE INDEX build_platform_arches_platform_idx ON build_platform_arches (platform_id, build_id);
INSERT INTO build_platform_arches (build_id, platform_id, arch)
SELECT DISTINCT build_id, platform_id, arch FROM build_tasks;

-- Kept by a statement-level trigger, so every way of inserting tasks (the server, bulk loads) fills it.
CREATE FUNCTION albs_note_platform_arches() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO build_platform_arches (build_id, platform_id, arch)
    SELECT DISTINCT build_id, platform_id, arch FROM inserted
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER build_tasks_platform_arches AFTER INSERT ON build_tasks
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION albs_note_platform_arches();

DROP INDEX build_tasks_arch_idx;

-- 2. A finished src task's SRPM is written to the task itself by its report's own UPDATE; the second UPDATE only
--    touches its siblings (before, it rewrote the src task's row a second time in the same transaction).
CREATE OR REPLACE FUNCTION albs_store_report(
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
           built_srpm_url = COALESCE(p_srpm_url, p_built_srpm_url),
           srpm_hash = CASE WHEN p_srpm_url IS NOT NULL THEN p_srpm_hash
                            WHEN p_built_srpm_url IS NULL THEN NULL ELSE srpm_hash END,
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
         WHERE ref_id = v_ref AND platform_id = v_platform AND id <> p_task;
    END IF;

    PERFORM albs_release_dependants(p_task, p_started_at IS NOT NULL);
    IF p_tasks_ended <> 0 THEN
        PERFORM albs_adjust_open_tasks(v_build, -p_tasks_ended, p_now);
    END IF;
END
$$;
