-- Users (fastapi-users shape plus username), platforms and repositories.
-- Timestamps are naive UTC, as upstream stores and serialises them.

CREATE TABLE users (
    id              BIGSERIAL PRIMARY KEY,
    username        VARCHAR(100) NOT NULL,
    email           VARCHAR(320) NOT NULL,
    hashed_password VARCHAR(255),
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    is_verified     BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_username_uq ON users (username);
CREATE UNIQUE INDEX users_email_uq ON users (lower(email));

CREATE TABLE platforms (
    id                   BIGSERIAL PRIMARY KEY,
    name                 VARCHAR(100) NOT NULL UNIQUE,
    type                 VARCHAR(10)  NOT NULL,
    distr_type           VARCHAR(100) NOT NULL,
    distr_version        VARCHAR(100) NOT NULL,
    test_dist_name       VARCHAR(100) NOT NULL,
    contact_mail         TEXT,
    copyright            TEXT,
    pgp_key              TEXT,
    priority             INTEGER,
    arch_list            JSONB NOT NULL,
    copy_priority_arches JSONB,
    weak_arch_list       JSONB,
    data                 JSONB NOT NULL DEFAULT '{}'::jsonb,
    modularity           JSONB,
    is_reference         BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE repositories (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    arch         VARCHAR(50)  NOT NULL,
    url          VARCHAR(2048) NOT NULL,
    type         VARCHAR(50)  NOT NULL,
    debug        BOOLEAN NOT NULL DEFAULT FALSE,
    priority     INTEGER NOT NULL DEFAULT 10,
    production   BOOLEAN NOT NULL DEFAULT FALSE,
    mock_enabled BOOLEAN NOT NULL DEFAULT TRUE,
    pulp_href    TEXT,
    export_path  TEXT,
    owner_id     BIGINT REFERENCES users (id),
    platform_id  BIGINT REFERENCES platforms (id),
    CONSTRAINT repositories_key_uq UNIQUE (name, arch, type, debug)
);

-- Link order matters: it is the order repositories are handed to build nodes.
CREATE TABLE platform_repository (
    platform_id   BIGINT NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (platform_id, repository_id)
);
CREATE INDEX platform_repository_repo_idx ON platform_repository (repository_id);

CREATE TABLE reference_platforms (
    platform_id           BIGINT NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
    reference_platform_id BIGINT NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
    PRIMARY KEY (platform_id, reference_platform_id)
);
