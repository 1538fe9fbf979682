package org.albs.domain.builds;

import java.time.Instant;

/**
 * How many of a build's tasks have not ended yet (idle or started) and the finish time stored for it. A build is
 * finished when none is open; it finished when its last task ended, and a restart reopens it.
 */
public record BuildProgress(long buildId, int openTasks, Instant finishedAt) {
    public boolean isFinished() {
        return openTasks <= 0;
    }

    /** The finish time the build must have now: kept once set while it stays finished, none while it runs. */
    public Instant finishedAtAsOf(Instant now) {
        if (!isFinished()) {
            return null;
        }
        return finishedAt != null ? finishedAt : now;
    }

    /** Whether the stored finish time must change to {@link #finishedAtAsOf}. */
    public boolean finishTimeChanges(Instant now) {
        Instant wanted = finishedAtAsOf(now);
        return wanted == null ? finishedAt != null : !wanted.equals(finishedAt);
    }
}
