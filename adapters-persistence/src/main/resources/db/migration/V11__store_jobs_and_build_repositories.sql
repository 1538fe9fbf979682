-- Artifact-store jobs on the lease queue (SqlLeaseTable), the build's repositories in the store, and the content the
-- store made of each reported artifact. Status codes come from StoreJobStatus through Flyway placeholders.

CREATE TABLE store_jobs (
    id               BIGSERIAL PRIMARY KEY,
    kind             VARCHAR(32) NOT NULL,
    -- the build the job is about; no foreign key: a deletion job outlives its build
    build_id         BIGINT NOT NULL,
    -- an import job goes with its task (a job whose row vanishes stops: its steps can no longer be written)
    build_task_id    BIGINT REFERENCES build_tasks (id) ON DELETE CASCADE,
    platform_id      BIGINT,
    idx              INTEGER,
    status           SMALLINT NOT NULL DEFAULT 0,
    lease_holder     BIGINT,
    lease_renewed_at TIMESTAMP,
    lease_expires_at TIMESTAMP,
    attempt          INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    -- step → started:<store operation> | done[:<result>] (StoreJob)
    steps            JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX store_jobs_waiting_idx ON store_jobs (id) WHERE status IN (${store_job_waiting});
CREATE INDEX store_jobs_leased_idx ON store_jobs (lease_expires_at, id) WHERE status IN (${store_job_leased});
CREATE INDEX store_jobs_build_idx ON store_jobs (build_id, id);
CREATE INDEX store_jobs_task_idx ON store_jobs (build_task_id) WHERE build_task_id IS NOT NULL;
-- one finalization per ref on a platform
CREATE UNIQUE INDEX store_jobs_finalize_uq ON store_jobs (build_id, platform_id, idx) WHERE kind = 'FINALIZE_INDEX';

CREATE TABLE store_job_history (
    id            BIGSERIAL PRIMARY KEY,
    store_job_id  BIGINT NOT NULL REFERENCES store_jobs (id) ON DELETE CASCADE,
    at            TIMESTAMP NOT NULL,
    event         VARCHAR(32) NOT NULL,
    status        SMALLINT NOT NULL,
    -- a job worker's id (job_worker_ids) or, for an operator's retry, a user's
    actor_user_id BIGINT,
    attempt       INTEGER NOT NULL,
    reason        TEXT
);
CREATE INDEX store_job_history_job_idx ON store_job_history (store_job_id, id);

-- Job workers hold leases under ids of their own, far above any user id.
CREATE SEQUENCE job_worker_ids START WITH 1000000000000;

-- The build's repositories in the store, in creation order (the order build nodes get them).
CREATE TABLE build_repository (
    build_id      BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (build_id, repository_id)
);
CREATE INDEX build_repository_repo_idx ON build_repository (repository_id);

-- What the store made of a reported artifact: its content handle; meta holds the package header's NEVRA.
ALTER TABLE build_artifacts ADD COLUMN content_handle TEXT;

-- The old outbox becomes import jobs; builds still running get their repositories made (their tasks do not wait).
INSERT INTO store_jobs (kind, build_id, build_task_id, created_at)
SELECT 'IMPORT_ARTIFACTS', t.build_id, j.build_task_id, j.created_at
  FROM artifact_import_jobs j JOIN build_tasks t ON t.id = j.build_task_id
 ORDER BY j.id;
INSERT INTO store_jobs (kind, build_id, created_at)
SELECT 'CREATE_REPOSITORIES', b.id, b.created_at FROM builds b WHERE b.finished_at IS NULL ORDER BY b.id;
DROP TABLE artifact_import_jobs;
