package org.albs.domain.builds;

import java.time.Instant;

import org.albs.domain.identity.UserId;

/** One state change of a task: when, what, who held it, which attempt, and why. */
public record TaskHistoryEntry(long taskId, Instant at, TaskEvent event, BuildTaskStatus status, UserId node,
                               int attempt, String reason) {
}
