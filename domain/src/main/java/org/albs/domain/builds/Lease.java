package org.albs.domain.builds;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/** A node's claim on a started task, valid until it expires; pings push the expiry forward. */
public record Lease(UserId holder, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
