-- Releases (upstream's build_releases) and what they put where. A release's status is ReleaseStatus.code(), bound as
-- a parameter by SqlReleases; no status is written here. The plan is JSONB in upstream's shape, so an operator can
-- read it: {"packages": [{"package": {...}, "repositories": [...], "repo_arch_location": [...]}], "repositories":
-- [...], "packages_in_repos": {...}, "last_log": ...}.

CREATE TABLE releases (
    id                    BIGSERIAL PRIMARY KEY,
    status                SMALLINT NOT NULL,
    -- in the order they were asked for, as upstream keeps them; no foreign key (a build may be deleted later)
    build_ids             BIGINT[] NOT NULL,
    build_task_ids        BIGINT[] NOT NULL DEFAULT '{}',
    platform_id           BIGINT NOT NULL REFERENCES platforms (id),
    reference_platform_id BIGINT REFERENCES platforms (id),
    -- products arrive in V20
    product_id            BIGINT,
    plan                  JSONB NOT NULL,
    owner_id              BIGINT NOT NULL REFERENCES users (id),
    created_at            TIMESTAMP NOT NULL,
    started_at            TIMESTAMP,
    finished_at           TIMESTAMP
);
-- the list's filters, newest first
CREATE INDEX releases_platform_idx ON releases (platform_id, id);
CREATE INDEX releases_status_idx ON releases (status, id);
CREATE INDEX releases_product_idx ON releases (product_id, id) WHERE product_id IS NOT NULL;
-- package_name: plan -> 'packages' @> '[{"package": {"name": …}}]'
CREATE INDEX releases_package_names_idx ON releases USING gin ((plan -> 'packages') jsonb_path_ops);

-- What a release put into a production repository, the unit its revert takes out again.
CREATE TABLE release_placements (
    id             BIGSERIAL PRIMARY KEY,
    release_id     BIGINT NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    repository_id  BIGINT NOT NULL REFERENCES repositories (id),
    -- no foreign key: the package stays in the repository when its build is deleted
    artifact_id    BIGINT NOT NULL,
    content_handle TEXT NOT NULL,
    nevra          TEXT NOT NULL,
    full_name      TEXT NOT NULL,
    CONSTRAINT release_placements_uq UNIQUE (release_id, repository_id, content_handle)
);
CREATE INDEX release_placements_nevra_idx ON release_placements (repository_id, nevra);

-- where the artifact store serves a production repository (its handle is pulp_href)
ALTER TABLE repositories ADD COLUMN store_url TEXT;
