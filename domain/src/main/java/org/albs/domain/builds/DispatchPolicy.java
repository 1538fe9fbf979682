package org.albs.domain.builds;

import java.time.Duration;
import java.util.Objects;

/** How long a claim lasts without a ping, and how many claims a task may have before a lost lease fails it. */
public record DispatchPolicy(Duration leaseDuration, int maxAttempts) {
    public DispatchPolicy {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
    }
}
