-- A test log read as TAP by its import (docs/testing.md, "Logs"): upstream's logs_format ('tap' or 'text') and the
-- cases, [{test_name, status (1 failed, 2 done, 3 todo, 4 skipped), diagnostic}]. Both null: not read (not a tests_*
-- log, not imported yet, or imported before this column existed).
ALTER TABLE test_task_artifacts
    ADD COLUMN logs_format text,
    ADD COLUMN tap_results jsonb,
    ADD CONSTRAINT test_task_artifacts_tap_read CHECK ((logs_format IS NULL) = (tap_results IS NULL));
