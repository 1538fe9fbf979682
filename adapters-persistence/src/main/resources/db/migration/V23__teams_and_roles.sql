-- Teams and team roles (upstream's teams, user_roles, team_user_mapping, user_role_mapping). A team's five roles
-- are rows of user_roles with the team and their kind; what a kind allows is the domain's (RoleKind), not a table.
-- Removing a team removes its memberships, its roles and every grant of them; removing a user removes theirs.
-- Products belong to a team (team_id), set when the products API creates a product's team.

CREATE TABLE teams (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    owner_id    BIGINT NOT NULL REFERENCES users (id),
    permissions INTEGER NOT NULL DEFAULT 764 CHECK (permissions BETWEEN 0 AND 777),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX teams_owner_idx ON teams (owner_id);

CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE user_roles (
    id      BIGSERIAL PRIMARY KEY,
    name    VARCHAR(128) NOT NULL UNIQUE,
    team_id BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    kind    VARCHAR(32) NOT NULL
        CHECK (kind IN ('contributor', 'manager', 'observer', 'product_maintainer', 'signer')),
    UNIQUE (team_id, kind)
);

CREATE TABLE user_role_grants (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id BIGINT NOT NULL REFERENCES user_roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_role_grants_role_idx ON user_role_grants (role_id);

ALTER TABLE products ADD COLUMN team_id BIGINT REFERENCES teams (id);
CREATE INDEX products_team_idx ON products (team_id);
