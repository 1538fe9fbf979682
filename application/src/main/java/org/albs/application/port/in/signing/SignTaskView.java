package org.albs.application.port.in.signing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.domain.signing.SignKey;

/**
 * A sign task as the API shows it: upstream's {@code SignTask} ({@code id, build_id, sign_key, status,
 * error_message, log_href}) plus the lease queue's facts (attempt, lease holder, times, stats, history).
 */
public record SignTaskView(long id, long buildId, SignKey signKey, int status, String errorMessage, String logHref,
                           int attempt, Long leaseHolder, Instant leaseExpiresAt, Instant startedAt,
                           Instant finishedAt, Map<String, Object> stats, List<History> history) {
    public record History(Instant at, String event, int status, Long actor, int attempt, String reason) {
    }
}
