-- Platform flavours (upstream platform_flavours, flavour_repository, build_platform_flavour): named overlays on
-- platforms with extra repositories (by arch) and mock data, attached to builds and merged into a node's task.
CREATE TABLE platform_flavours (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL UNIQUE,
    modularity JSONB,
    data       JSONB
);

-- Link order is the order the repositories reach build nodes.
CREATE TABLE platform_flavour_repository (
    flavour_id    BIGINT NOT NULL REFERENCES platform_flavours (id) ON DELETE CASCADE,
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (flavour_id, repository_id)
);

CREATE TABLE build_platform_flavour (
    build_id   BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    flavour_id BIGINT NOT NULL REFERENCES platform_flavours (id),
    PRIMARY KEY (build_id, flavour_id)
);

-- The build feed's package filters (rpm_name, …) match the header the store read at import (build_artifacts.meta).
-- rpm_name is what a search always starts from in the UI; this index lets the feed find the few artifacts of that
-- name instead of probing every build's artifacts.
CREATE INDEX build_artifacts_rpm_name_idx ON build_artifacts ((meta ->> 'name'), build_task_id)
    WHERE meta ->> 'name' IS NOT NULL;

-- The feed's signed=true / released=true filters: few builds qualify, so the newest-first page walks these small
-- partial indexes instead of the whole builds table.
CREATE INDEX builds_signed_idx ON builds (id) WHERE signed;
CREATE INDEX builds_released_idx ON builds (id) WHERE released;
