package org.albs.application.port.out;

import java.util.List;
import java.util.Map;

import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.platform.Platform;

/**
 * What a node needs to build a claimed task besides the task itself: what to build (the ref), where (the platform's
 * mock data and repositories), for whom, with which options, the builds it may use, and the RPM repositories of its
 * build and linked builds on its platform (own build first, each in creation order), and the build's flavours.
 */
public record TaskAssignment(BuildTaskRef ref, Platform platform, String ownerName, String ownerEmail,
                             Map<String, Object> buildMockOptions, Map<String, Object> taskMockOptions,
                             boolean secureBoot, List<Long> linkedBuilds, List<BuildRepo> buildRepositories,
                             List<Flavour> flavours) {
    /** A build repository as a node gets it. */
    public record BuildRepo(String name, String url, String arch, int priority, boolean mockEnabled) {
    }

    /** One of the build's platform flavours: its mock data and its repositories of every arch. */
    public record Flavour(Map<String, Object> data, List<BuildRepo> repositories) {
        public Flavour {
            repositories = repositories == null ? List.of() : List.copyOf(repositories);
        }
    }

    public TaskAssignment {
        buildRepositories = buildRepositories == null ? List.of() : List.copyOf(buildRepositories);
        flavours = flavours == null ? List.of() : List.copyOf(flavours);
    }

    /** A build without flavours. */
    public TaskAssignment(BuildTaskRef ref, Platform platform, String ownerName, String ownerEmail,
                          Map<String, Object> buildMockOptions, Map<String, Object> taskMockOptions,
                          boolean secureBoot, List<Long> linkedBuilds, List<BuildRepo> buildRepositories) {
        this(ref, platform, ownerName, ownerEmail, buildMockOptions, taskMockOptions, secureBoot, linkedBuilds,
                buildRepositories, List.of());
    }
}
