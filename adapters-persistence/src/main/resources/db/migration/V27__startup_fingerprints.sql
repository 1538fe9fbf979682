-- What the start-up tasks last left in the database, so a start whose configuration and database are unchanged
-- skips them (bootstrap's StartupTasks). A row per task: the superuser's holds a keyed MAC (HMAC-SHA256 under the
-- server's JWT secret, which is not in the database) of the configured e-mail and password and the password hash
-- the task stored, never the password; the reference data's a SHA-256 of the definitions file and of the versions
-- the platforms had when they were loaded. Any change to either (a password set through the API, a platform edited,
-- another file, another secret) makes the next start run the task again. Deleting the rows is always safe.
CREATE TABLE startup_fingerprints (
    name        VARCHAR(50) PRIMARY KEY,
    fingerprint VARCHAR(100) NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
