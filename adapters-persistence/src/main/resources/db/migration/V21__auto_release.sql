-- A build's own history: what happened to the build as a whole (today the steps of the automatic pipeline,
-- AutoRelease, and why it stopped), shown with the build as "pipeline". The pipeline's guards read it: a step it
-- recorded is not taken again.

CREATE TABLE build_events (
    id       BIGSERIAL PRIMARY KEY,
    build_id BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    at       TIMESTAMP NOT NULL,
    -- AutoRelease.Event.code(), e.g. sign_task_created
    event    VARCHAR(32) NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX build_events_build_idx ON build_events (build_id, id);
