-- GitHub sign-in: the GitHub account a user is linked to (one user per account), and the browser-login states
-- already used (each works once, on any instance; rows past their expiry are forgotten).
ALTER TABLE users ADD COLUMN github_id BIGINT;
CREATE UNIQUE INDEX users_github_id_uq ON users (github_id);

CREATE TABLE used_login_states (
    id         VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX used_login_states_expiry_idx ON used_login_states (expires_at);
