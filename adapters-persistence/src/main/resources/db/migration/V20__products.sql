-- Products (upstream's successor of distributions; the seed's /api/v1/distro/ API is a view of them): a product
-- groups builds into production repositories of its own. Its repositories are rows of `repositories` with
-- production = TRUE, their pulp_href the artifact store's handle once the store has them. Which builds are in a
-- product is written when a job has put their packages in (ProductJob); whether a build may be deleted is the
-- domain's rule (BuildDeletion), so a deleted build's rows simply go.
-- Room for issue 21 (teams, community products): team_id and the sign-key repository come later.

CREATE TABLE products (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL UNIQUE,
    title        VARCHAR(100),
    description  TEXT,
    owner_id     BIGINT NOT NULL REFERENCES users (id),
    is_community BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE product_platforms (
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    platform_id BIGINT NOT NULL REFERENCES platforms (id),
    PRIMARY KEY (product_id, platform_id)
);

CREATE TABLE product_repositories (
    product_id    BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, repository_id)
);
CREATE INDEX product_repositories_repo_idx ON product_repositories (repository_id);

CREATE TABLE product_builds (
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    build_id   BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, build_id)
);
CREATE INDEX product_builds_build_idx ON product_builds (build_id);
