package org.albs.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.lease.WorkEvent;

/**
 * The figures an operator watches, read from the store the whole farm shares (so every instance reads the same):
 * open build tasks by platform and arch, open artifact-store jobs by kind with the oldest one's age, and what
 * happened to build tasks and builds since a point an instance remembers (an id), so it can count without scans.
 */
public interface OperationsFigures {
    record OpenTasks(String platform, String arch, long waiting, long inFlight) {
    }

    record JobBacklog(StoreJobKind kind, long open, Duration oldest) {
    }

    /** Build task history events after a position, counted by event, and the position after them. */
    record TaskEvents(Map<WorkEvent, Long> counts, long position) {
    }

    /** Builds created after a position, and the position after them. */
    record NewBuilds(long count, long position) {
    }

    List<OpenTasks> openTasks();

    /** Every kind, with zero open jobs and a zero age when none is open. */
    List<JobBacklog> jobBacklog(Instant now);

    /** The current position: nothing counted yet. */
    long taskEventsPosition();

    TaskEvents taskEventsAfter(long position);

    long buildsPosition();

    NewBuilds buildsAfter(long position);
}
