package org.albs.application.builds;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.albs.application.port.out.Builds;
import org.albs.domain.builds.BuildProgress;

/**
 * Collects changes to builds' open-task counts during a transaction and writes them at its end, in build id order
 * (the build row is the last lock every transaction takes, which keeps lock order consistent); then settles each
 * build's finish time as the domain decides it.
 */
final class OpenTaskCounts {
    private final Map<Long, Integer> deltas = new TreeMap<>();

    void add(long buildId, int delta) {
        deltas.merge(buildId, delta, Integer::sum);
    }

    void writeTo(Builds builds, Instant now) {
        deltas.forEach((build, delta) -> {
            if (delta != 0) {
                settle(builds, builds.countOpenTasks(build, delta), now);
            }
        });
    }

    /** A build whose last task ended is finished now; one that got open tasks again runs again. */
    static void settle(Builds builds, BuildProgress progress, Instant now) {
        if (progress.finishTimeChanges(now)) {
            builds.setFinishedAt(progress.buildId(), progress.finishedAtAsOf(now));
        }
    }
}
