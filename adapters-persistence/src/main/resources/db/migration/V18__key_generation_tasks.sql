-- Community key generation (upstream's gen_key_tasks) on the lease queue, with its history. Every sign node asks for
-- one on every loop: a claim that finds nothing is one look-up of the partial indexes below.

CREATE TABLE gen_key_tasks (
    id               BIGSERIAL PRIMARY KEY,
    user_name        TEXT NOT NULL,
    user_email       TEXT NOT NULL,
    product_name     TEXT NOT NULL,
    owner_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status           SMALLINT NOT NULL,
    lease_holder     BIGINT,
    lease_renewed_at TIMESTAMP,
    lease_expires_at TIMESTAMP,
    attempt          INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX gen_key_tasks_waiting_idx ON gen_key_tasks (id) WHERE status IN (${sign_task_waiting});
CREATE INDEX gen_key_tasks_leased_idx ON gen_key_tasks (lease_expires_at, id) WHERE status IN (${sign_task_leased});

CREATE TABLE gen_key_task_history (
    id               BIGSERIAL PRIMARY KEY,
    gen_key_task_id  BIGINT NOT NULL REFERENCES gen_key_tasks (id) ON DELETE CASCADE,
    at               TIMESTAMP NOT NULL,
    event            VARCHAR(32) NOT NULL,
    status           SMALLINT NOT NULL,
    actor_user_id    BIGINT,
    attempt          INTEGER NOT NULL,
    reason           TEXT
);
CREATE INDEX gen_key_task_history_task_idx ON gen_key_task_history (gen_key_task_id, id);
