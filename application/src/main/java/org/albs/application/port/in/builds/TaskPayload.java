package org.albs.application.port.in.builds;

import java.util.List;
import java.util.Map;

/**
 * The get_task answer, field for field as the real build node's {@code Task} model requires it (albs-build-lib):
 * every key present, nulls included.
 */
public record TaskPayload(long id, String arch, long buildId, Ref ref, PlatformData platform, CreatedBy createdBy,
                          String almaCommitCasHash, String srpmHash, boolean isCasAuthenticated,
                          boolean isSecureBoot, List<Repo> repositories, List<Long> linkedBuilds,
                          String builtSrpmUrl) {
    public record Ref(String url, String gitRef, int refType, String gitCommitHash) {
    }

    public record PlatformData(String name, String type, Map<String, Object> data) {
    }

    public record CreatedBy(String name, String email) {
    }

    public record Repo(String name, String url, int priority, boolean mockEnabled) {
    }
}
