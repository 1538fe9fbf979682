package org.albs.application.port.out;

import java.util.List;
import java.util.Map;

import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.platform.Platform;

/** The stored facts behind a get_task answer. */
public record TaskAssignment(long taskId, long buildId, String arch, BuildTaskRef ref, Platform platform,
                             String ownerName, String ownerEmail, Map<String, Object> buildMockOptions,
                             Map<String, Object> taskMockOptions, boolean secureBoot, String builtSrpmUrl,
                             String srpmHash, String almaCommitCasHash, boolean casAuthenticated,
                             List<Long> linkedBuilds) {
}
