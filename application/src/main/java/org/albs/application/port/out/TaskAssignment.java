package org.albs.application.port.out;

import java.util.List;
import java.util.Map;

import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.platform.Platform;

/**
 * What a node needs to build a claimed task besides the task itself: what to build (the ref), where (the platform's
 * mock data and repositories), for whom, with which options, the builds it may use, and the RPM repositories of its
 * build and linked builds on its platform (own build first, each in creation order).
 */
public record TaskAssignment(BuildTaskRef ref, Platform platform, String ownerName, String ownerEmail,
                             Map<String, Object> buildMockOptions, Map<String, Object> taskMockOptions,
                             boolean secureBoot, List<Long> linkedBuilds, List<BuildRepo> buildRepositories) {
    /** A build repository as a node gets it. */
    public record BuildRepo(String name, String url, String arch, int priority, boolean mockEnabled) {
    }

    public TaskAssignment {
        buildRepositories = buildRepositories == null ? List.of() : List.copyOf(buildRepositories);
    }
}
