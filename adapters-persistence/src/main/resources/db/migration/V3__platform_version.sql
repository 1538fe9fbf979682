-- Bumped on every change of a platform or of one of its repositories, so dispatch can cache platforms safely
-- across server instances (a stale cached copy is detected by the version read with the task).
ALTER TABLE platforms ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
