package org.albs.domain.builds;

import java.util.List;

import org.albs.domain.platform.Platform;

/** One platform of a build request, with the architectures asked for on it. */
public record PlatformTarget(Platform platform, List<String> archList, boolean independentTasks) {
    public PlatformTarget {
        archList = List.copyOf(archList);
    }
}
