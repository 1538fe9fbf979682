package org.albs.adapter.out.beholder;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach beholder, the package knowledge base.
 *
 * @param host    base URL, e.g. {@code http://beholder-web:5000} ({@code BEHOLDER_HOST}); empty or blank turns the
 *                adapter off (nothing is multilib, no call is made). A trailing {@code /} is ignored.
 * @param token   sent as {@code Authorization: Bearer <token>} when present and not blank ({@code BEHOLDER_TOKEN})
 * @param timeout connect timeout and whole-request timeout of every call (upstream: 60 s)
 * @param retries how many times a call is repeated after a 5xx, a 429, a connection error or a timeout
 * @param backoff delay before the first repetition; doubled for each further one, with jitter
 */
public record BeholderSettings(Optional<String> host, Optional<String> token, Duration timeout, int retries,
        Duration backoff) {

    public BeholderSettings {
        host = Objects.requireNonNull(host, "host").map(String::strip).filter(h -> !h.isEmpty());
        token = Objects.requireNonNull(token, "token").map(String::strip).filter(t -> !t.isEmpty());
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("beholder timeout must be positive: " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("beholder retries must not be negative: " + retries);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("beholder backoff must not be negative: " + backoff);
        }
    }

    /** Settings without a host: the adapter is off. */
    public static BeholderSettings disabled() {
        return new BeholderSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(60), 0, Duration.ZERO);
    }

    public boolean enabled() {
        return host.isPresent();
    }
}
