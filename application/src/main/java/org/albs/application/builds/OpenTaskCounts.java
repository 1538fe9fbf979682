package org.albs.application.builds;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.albs.application.port.out.Builds;

/**
 * Collects changes to builds' unfinished-task counts during a transaction and writes them at its end, in build id
 * order: the build row is the last lock every transaction takes, which keeps lock order consistent.
 */
final class OpenTaskCounts {
    private final Map<Long, Integer> deltas = new TreeMap<>();

    void add(long buildId, int delta) {
        deltas.merge(buildId, delta, Integer::sum);
    }

    void writeTo(Builds builds, Instant now) {
        deltas.forEach((build, delta) -> {
            if (delta != 0) {
                builds.adjustOpenTasks(build, delta, now);
            }
        });
    }
}
