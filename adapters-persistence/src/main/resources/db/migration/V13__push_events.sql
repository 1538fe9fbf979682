-- Tag pushes of the git host turned into builds (the gitea listener). One row per (repository, tag, commit): the
-- unique key is what makes a push delivered twice, or to two instances, one build. The row is written in the same
-- transaction as its build.
CREATE TABLE push_events (
    id          BIGSERIAL PRIMARY KEY,
    repository  TEXT        NOT NULL,
    tag         TEXT        NOT NULL,
    commit_hash TEXT        NOT NULL,
    received_at TIMESTAMP   NOT NULL,
    build_id    BIGINT      REFERENCES builds (id) ON DELETE SET NULL,
    CONSTRAINT push_events_once UNIQUE (repository, tag, commit_hash)
);

CREATE UNIQUE INDEX push_events_build ON push_events (build_id) WHERE build_id IS NOT NULL;
