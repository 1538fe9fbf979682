package org.albs.domain.release;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.albs.domain.ConflictException;

/**
 * The release state machine as one explicit table; anything not in it is refused. Changes are allowed while nothing
 * was put anywhere yet, or after a failure (a failed commit may have put part of the plan in place: committing again
 * finishes it, since a commit skips what is already there). A revert undoes a completed release; a failed revert
 * leaves the release FAILED, from which committing again puts everything back. A reverted release is final.
 */
public final class ReleaseLifecycle {
    private static final Map<ReleaseStatus, Map<ReleaseEvent, ReleaseStatus>> TABLE = new EnumMap<>(ReleaseStatus.class);

    static {
        for (ReleaseStatus s : ReleaseStatus.values()) {
            TABLE.put(s, new EnumMap<>(ReleaseEvent.class));
        }
        allow(ReleaseStatus.SCHEDULED, ReleaseEvent.EDIT, ReleaseStatus.SCHEDULED);
        allow(ReleaseStatus.SCHEDULED, ReleaseEvent.COMMIT, ReleaseStatus.IN_PROGRESS);
        allow(ReleaseStatus.SCHEDULED, ReleaseEvent.DELETE, ReleaseStatus.SCHEDULED);
        allow(ReleaseStatus.FAILED, ReleaseEvent.EDIT, ReleaseStatus.FAILED);
        allow(ReleaseStatus.FAILED, ReleaseEvent.COMMIT, ReleaseStatus.IN_PROGRESS);
        allow(ReleaseStatus.COMPLETED, ReleaseEvent.REVERT, ReleaseStatus.IN_PROGRESS);
        allow(ReleaseStatus.IN_PROGRESS, ReleaseEvent.COMMIT_DONE, ReleaseStatus.COMPLETED);
        allow(ReleaseStatus.IN_PROGRESS, ReleaseEvent.REVERT_DONE, ReleaseStatus.REVERTED);
        allow(ReleaseStatus.IN_PROGRESS, ReleaseEvent.JOB_FAILED, ReleaseStatus.FAILED);
    }

    private ReleaseLifecycle() {
    }

    private static void allow(ReleaseStatus from, ReleaseEvent event, ReleaseStatus to) {
        TABLE.get(from).put(event, to);
    }

    public static Optional<ReleaseStatus> target(ReleaseStatus from, ReleaseEvent event) {
        return Optional.ofNullable(TABLE.get(from).get(event));
    }

    /** The status after the event, or a conflict naming what the release is and what it would need to be. */
    public static ReleaseStatus next(long releaseId, ReleaseStatus from, ReleaseEvent event) {
        return target(from, event).orElseThrow(() -> new ConflictException("Release " + releaseId + " is "
                + from.label() + ": it cannot be " + event.verb() + allowedFrom(event)));
    }

    private static String allowedFrom(ReleaseEvent event) {
        StringBuilder from = new StringBuilder();
        for (ReleaseStatus s : ReleaseStatus.values()) {
            if (TABLE.get(s).containsKey(event)) {
                from.append(from.length() == 0 ? "" : " or ").append(s.label());
            }
        }
        return from.length() == 0 ? "" : " (only a " + from + " release can)";
    }
}
