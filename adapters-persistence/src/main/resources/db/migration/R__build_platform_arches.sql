-- The feed's arch and platform filters read build_platform_arches, written once per build when its tasks are created
-- (trigger build_tasks_platform_arches, created in V8), so the hot build_tasks table needs no index for them.
CREATE OR REPLACE FUNCTION albs_note_platform_arches() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO build_platform_arches (build_id, platform_id, arch)
    SELECT DISTINCT build_id, platform_id, arch FROM inserted
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
