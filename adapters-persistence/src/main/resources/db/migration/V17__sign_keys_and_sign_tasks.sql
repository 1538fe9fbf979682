-- Signing: sign keys (with the platforms each is for), sign tasks on the lease queue (SqlLeaseTable) with their
-- history, and which key signed a build and each of its artifacts. Status codes come from SignTaskStatus through
-- Flyway placeholders (SigningPlaceholders).

CREATE TABLE sign_keys (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    -- upper-case hex, as gpg prints them; matched without regard to case by upper-casing the input
    keyid               VARCHAR(16) NOT NULL UNIQUE,
    fingerprint         VARCHAR(40) NOT NULL UNIQUE,
    public_url          TEXT NOT NULL DEFAULT '',
    inserted            TIMESTAMP NOT NULL,
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    archived            TIMESTAMP,
    is_community        BOOLEAN NOT NULL DEFAULT FALSE,
    add_files_signature BOOLEAN NOT NULL DEFAULT FALSE,
    -- a community key's product (the releases issue brings products; until then its name)
    product_name        TEXT,
    owner_id            BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX sign_keys_product_idx ON sign_keys (product_name) WHERE product_name IS NOT NULL AND active;

CREATE TABLE platform_sign_keys (
    sign_key_id BIGINT NOT NULL REFERENCES sign_keys (id) ON DELETE CASCADE,
    platform_id BIGINT NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
    PRIMARY KEY (sign_key_id, platform_id)
);

CREATE TABLE sign_tasks (
    id               BIGSERIAL PRIMARY KEY,
    build_id         BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    sign_key_id      BIGINT NOT NULL REFERENCES sign_keys (id),
    status           SMALLINT NOT NULL,
    lease_holder     BIGINT,
    lease_renewed_at TIMESTAMP,
    lease_expires_at TIMESTAMP,
    attempt          INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    -- the node's report (SignReport), kept while the signing job processes it, and when
    report           JSONB,
    reported_at      TIMESTAMP,
    created_at       TIMESTAMP NOT NULL
);
-- a claim: waiting tasks of the node's keys, oldest first; held ones not reported whose lease expired
CREATE INDEX sign_tasks_waiting_idx ON sign_tasks (sign_key_id, id) WHERE status IN (${sign_task_waiting});
CREATE INDEX sign_tasks_leased_idx ON sign_tasks (lease_expires_at, id)
    WHERE status IN (${sign_task_leased}) AND reported_at IS NULL;
CREATE INDEX sign_tasks_build_idx ON sign_tasks (build_id, id);
-- one open sign task per build (the API says 409 before this is reached; this holds under races)
CREATE UNIQUE INDEX sign_tasks_open_uq ON sign_tasks (build_id)
    WHERE status IN (${sign_task_waiting}, ${sign_task_leased});

CREATE TABLE sign_task_history (
    id            BIGSERIAL PRIMARY KEY,
    sign_task_id  BIGINT NOT NULL REFERENCES sign_tasks (id) ON DELETE CASCADE,
    at            TIMESTAMP NOT NULL,
    event         VARCHAR(32) NOT NULL,
    status        SMALLINT NOT NULL,
    actor_user_id BIGINT,
    attempt       INTEGER NOT NULL,
    reason        TEXT
);
CREATE INDEX sign_task_history_task_idx ON sign_task_history (sign_task_id, id);

ALTER TABLE builds ADD COLUMN sign_key_id BIGINT REFERENCES sign_keys (id);
ALTER TABLE build_artifacts ADD COLUMN sign_key_id BIGINT REFERENCES sign_keys (id);
