package org.albs.application.port.in.artifacts;

import java.time.Instant;
import java.util.Map;

/** A store job as operators see it. */
public record StoreJobView(long id, String kind, String state, long buildId, Long buildTaskId, Long platformId,
                           Integer index, Long testTaskId, int attempts, String lastError, Instant createdAt, Instant startedAt,
                           Instant finishedAt, Map<String, String> steps) {
}
