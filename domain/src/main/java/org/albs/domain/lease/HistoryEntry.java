package org.albs.domain.lease;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/**
 * One state change of an item of leased work: when, what happened, the status it led to, who did it (the
 * claimant or holder for lease events, the user for user actions, nobody for the system's own), which attempt,
 * and why.
 */
public record HistoryEntry(long workId, Instant at, WorkEvent event, WorkStatus status, UserId actor, int attempt,
                           String reason) {
    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
    }
}
