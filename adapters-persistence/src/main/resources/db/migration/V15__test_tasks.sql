-- Test tasks on the lease queue (SqlLeaseTable; SqlTestTasks), their history, the logs of their results, their
-- statistics, and the jobs about one test (log imports). Status codes come from TestTaskStatus through Flyway
-- placeholders.

CREATE TABLE test_tasks (
    id               BIGSERIAL PRIMARY KEY,
    build_id         BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    build_task_id    BIGINT NOT NULL REFERENCES build_tasks (id) ON DELETE CASCADE,
    revision         INTEGER NOT NULL,
    -- the package as its header was read at import (build_artifacts.meta)
    package_name     TEXT NOT NULL,
    package_epoch    TEXT NOT NULL DEFAULT '0',
    package_version  TEXT NOT NULL,
    package_release  TEXT,
    env_arch         VARCHAR(50) NOT NULL,
    status           SMALLINT NOT NULL,
    lease_holder     BIGINT,
    lease_renewed_at TIMESTAMP,
    lease_expires_at TIMESTAMP,
    attempt          INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    -- the whole result ALTS posted: {api_version, result, stats}
    alts_response    JSONB,
    created_at       TIMESTAMP NOT NULL
);
-- a revision tests each package on an arch once; two restarts racing cannot make the same revision twice
CREATE UNIQUE INDEX test_tasks_revision_uq ON test_tasks (build_task_id, revision, package_name, env_arch);
CREATE INDEX test_tasks_waiting_idx ON test_tasks (id) WHERE status IN (${test_task_waiting});
CREATE INDEX test_tasks_leased_idx ON test_tasks (lease_expires_at, id) WHERE status IN (${test_task_leased});
CREATE INDEX test_tasks_build_idx ON test_tasks (build_id, id);

CREATE TABLE test_task_history (
    id            BIGSERIAL PRIMARY KEY,
    test_task_id  BIGINT NOT NULL REFERENCES test_tasks (id) ON DELETE CASCADE,
    at            TIMESTAMP NOT NULL,
    event         VARCHAR(32) NOT NULL,
    status        SMALLINT NOT NULL,
    actor_user_id BIGINT,
    attempt       INTEGER NOT NULL,
    reason        TEXT
);
CREATE INDEX test_task_history_task_idx ON test_task_history (test_task_id, id);

-- The logs a result names (ALTS uploaded them to the store), and the content the import made of each.
CREATE TABLE test_task_artifacts (
    id             BIGSERIAL PRIMARY KEY,
    test_task_id   BIGINT NOT NULL REFERENCES test_tasks (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    href           TEXT NOT NULL,
    content_handle TEXT
);
CREATE INDEX test_task_artifacts_task_idx ON test_task_artifacts (test_task_id, id);

ALTER TABLE performance_stats ADD COLUMN test_task_id BIGINT REFERENCES test_tasks (id) ON DELETE CASCADE;
CREATE INDEX performance_stats_test_idx ON performance_stats (test_task_id) WHERE test_task_id IS NOT NULL;

-- a log import goes with its test
ALTER TABLE store_jobs ADD COLUMN test_task_id BIGINT REFERENCES test_tasks (id) ON DELETE CASCADE;
CREATE INDEX store_jobs_test_idx ON store_jobs (test_task_id) WHERE test_task_id IS NOT NULL;
