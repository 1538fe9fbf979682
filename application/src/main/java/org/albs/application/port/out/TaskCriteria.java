package org.albs.application.port.out;

import java.util.List;

/**
 * What a build node asks for: the arches it builds ({@code src} when it builds sources), and packages it refuses
 * (case-insensitive substrings of a task's ref URL, taken literally).
 */
public record TaskCriteria(List<String> arches, List<String> excludedPackages) {
    public TaskCriteria {
        arches = List.copyOf(arches);
        excludedPackages = List.copyOf(excludedPackages);
    }
}
