package org.albs.domain.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/**
 * How long a lease lasts without a renewal, and how many claims an item may have before a lost lease fails it.
 * Operators set both (configuration); every rule that needs them takes them from here.
 */
public record LeaseTerms(Duration duration, int maxAttempts) {
    public LeaseTerms {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease must last a positive time");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
    }

    /** A lease for {@code holder} from {@code now}. */
    public Lease grant(UserId holder, Instant now) {
        return new Lease(holder, now, now.plus(duration));
    }

    /** Whether an item claimed {@code attempt} times may be claimed once more when its lease is lost. */
    public boolean attemptsLeft(int attempt) {
        return attempt < maxAttempts;
    }
}
