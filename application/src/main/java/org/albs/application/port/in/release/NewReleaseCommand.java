package org.albs.application.port.in.release;

import java.util.List;

/**
 * A release to plan: these builds (or only these tasks of them) into the platform's production repositories, laid
 * out as the reference platform has its packages (the platform's own reference platforms when not given).
 */
public record NewReleaseCommand(List<Long> builds, List<Long> buildTasks, long platformId, Long referencePlatformId,
                                Long productId) {
    public NewReleaseCommand {
        builds = builds == null ? List.of() : List.copyOf(builds);
        buildTasks = buildTasks == null ? List.of() : List.copyOf(buildTasks);
    }
}
