package org.albs.adapter.out.alts;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the ALTS scheduler.
 *
 * @param host    base URL, e.g. {@code http://alts-scheduler:8000} ({@code ALTS_HOST}); a trailing {@code /} is ignored
 * @param token   ALTS's own JWT ({@code ALTS_TOKEN}), sent as {@code Authorization: Bearer <token>}
 * @param timeout connect timeout and whole-request timeout of every call
 * @param retries how many times a call is repeated after a 5xx, a 429, a connection error or a timeout
 * @param backoff delay before the first repetition; doubled for each further one, with jitter
 */
public record AltsSettings(String host, String token, Duration timeout, int retries, Duration backoff) {
    public AltsSettings {
        host = Objects.requireNonNull(host, "host").strip();
        while (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        token = token == null ? "" : token.strip();
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("ALTS timeout must be positive: " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("ALTS retries must not be negative: " + retries);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("ALTS backoff must not be negative: " + backoff);
        }
    }
}
