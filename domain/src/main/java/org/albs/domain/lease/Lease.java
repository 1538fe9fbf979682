package org.albs.domain.lease;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/**
 * A holder's claim on an item of work: granted or last renewed at {@code renewedAt}, valid until {@code expiresAt}.
 * The holder is the claimant's account (a build node, sign node or test system signs in as a user).
 */
public record Lease(UserId holder, Instant renewedAt, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(renewedAt, "renewedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(renewedAt)) {
            throw new IllegalArgumentException("a lease cannot expire before it was renewed");
        }
    }

    /** A lease has expired at its expiry instant, not before. */
    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public boolean heldBy(UserId who) {
        return holder.equals(who);
    }
}
