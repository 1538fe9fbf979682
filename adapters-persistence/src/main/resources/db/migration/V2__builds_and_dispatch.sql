-- Builds, build tasks and the dispatch queue.

CREATE TABLE builds (
    id             BIGSERIAL PRIMARY KEY,
    created_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP,
    owner_id       BIGINT NOT NULL REFERENCES users (id),
    mock_options   JSONB,
    is_secure_boot BOOLEAN NOT NULL DEFAULT FALSE,
    product_id     BIGINT,
    release_id     BIGINT,
    released       BOOLEAN NOT NULL DEFAULT FALSE,
    signed         BOOLEAN NOT NULL DEFAULT FALSE,
    cancel_testing BOOLEAN NOT NULL DEFAULT FALSE,
    -- tasks still IDLE or STARTED; the build is finished when it reaches 0 (updated last in every transaction)
    open_tasks     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX builds_owner_idx ON builds (owner_id, id);
CREATE INDEX builds_running_idx ON builds (id) WHERE finished_at IS NULL;

CREATE TABLE build_dependency (
    build_id            BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    build_dependency    BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    PRIMARY KEY (build_id, build_dependency)
);
CREATE INDEX build_dependency_rev_idx ON build_dependency (build_dependency);

CREATE TABLE build_task_refs (
    id                 BIGSERIAL PRIMARY KEY,
    build_id           BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    url                TEXT NOT NULL,
    git_ref            TEXT,
    ref_type           INTEGER NOT NULL DEFAULT 1,
    git_commit_hash    TEXT,
    mock_options       JSONB,
    test_configuration JSONB
);
CREATE INDEX build_task_refs_build_idx ON build_task_refs (build_id);

CREATE TABLE build_tasks (
    id                   BIGSERIAL PRIMARY KEY,
    build_id             BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    platform_id          BIGINT NOT NULL REFERENCES platforms (id),
    ref_id               BIGINT NOT NULL REFERENCES build_task_refs (id) ON DELETE CASCADE,
    -- the build's owner, copied here so fair share needs no join
    owner_id             BIGINT NOT NULL,
    status               SMALLINT NOT NULL DEFAULT 0,
    index                INTEGER NOT NULL,
    arch                 VARCHAR(50) NOT NULL,
    is_secure_boot       BOOLEAN NOT NULL DEFAULT FALSE,
    mock_options         JSONB,
    -- number of dependencies not finished yet; 0 and IDLE = ready
    pending_deps         INTEGER NOT NULL DEFAULT 0,
    ts                   TIMESTAMP,
    lease_holder         BIGINT,
    lease_expires_at     TIMESTAMP,
    attempt              INTEGER NOT NULL DEFAULT 0,
    started_at           TIMESTAMP,
    finished_at          TIMESTAMP,
    error                TEXT,
    built_srpm_url       TEXT,
    srpm_hash            TEXT,
    alma_commit_cas_hash TEXT,
    is_cas_authenticated BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX build_tasks_build_idx ON build_tasks (build_id, id);
CREATE INDEX build_tasks_ref_platform_idx ON build_tasks (ref_id, platform_id);
-- the ready queue: only dispatchable rows, per owner in FIFO order
CREATE INDEX build_tasks_ready_idx ON build_tasks (owner_id, id) WHERE status = 0 AND pending_deps = 0;
-- started tasks: fair-share counts and expired leases
CREATE INDEX build_tasks_started_idx ON build_tasks (lease_expires_at) WHERE status = 1;
CREATE INDEX build_tasks_started_owner_idx ON build_tasks (owner_id) WHERE status = 1;
CREATE INDEX build_tasks_arch_idx ON build_tasks (arch, build_id);

CREATE TABLE build_task_dependency (
    build_task_id         BIGINT NOT NULL REFERENCES build_tasks (id) ON DELETE CASCADE,
    build_task_dependency BIGINT NOT NULL REFERENCES build_tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (build_task_id, build_task_dependency)
);
CREATE INDEX build_task_dependency_rev_idx ON build_task_dependency (build_task_dependency);

CREATE TABLE build_task_history (
    id            BIGSERIAL PRIMARY KEY,
    build_task_id BIGINT NOT NULL REFERENCES build_tasks (id) ON DELETE CASCADE,
    at            TIMESTAMP NOT NULL,
    event         VARCHAR(32) NOT NULL,
    status        SMALLINT NOT NULL,
    node_user_id  BIGINT,
    attempt       INTEGER NOT NULL,
    reason        TEXT
);
CREATE INDEX build_task_history_task_idx ON build_task_history (build_task_id, id);

CREATE TABLE build_artifacts (
    id            BIGSERIAL PRIMARY KEY,
    build_task_id BIGINT NOT NULL REFERENCES build_tasks (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    type          VARCHAR(20) NOT NULL,
    href          TEXT NOT NULL,
    sha256        VARCHAR(64),
    cas_hash      TEXT,
    meta          JSONB
);
CREATE INDEX build_artifacts_task_idx ON build_artifacts (build_task_id);

CREATE TABLE performance_stats (
    id            BIGSERIAL PRIMARY KEY,
    build_task_id BIGINT REFERENCES build_tasks (id) ON DELETE CASCADE,
    statistics    JSONB
);
CREATE INDEX performance_stats_task_idx ON performance_stats (build_task_id);

-- Outbox: artifacts accepted from a node, to be imported by the artifact store. Written in the build_done
-- transaction, so nothing is lost if the process dies right after answering.
CREATE TABLE artifact_import_jobs (
    id              BIGSERIAL PRIMARY KEY,
    build_task_id   BIGINT NOT NULL REFERENCES build_tasks (id) ON DELETE CASCADE,
    state           VARCHAR(16) NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT
);
CREATE INDEX artifact_import_jobs_pending_idx ON artifact_import_jobs (next_attempt_at) WHERE state = 'pending';
CREATE INDEX artifact_import_jobs_task_idx ON artifact_import_jobs (build_task_id);
