package org.albs.domain.identity;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.PermissionDeniedException;

/** A person or a service account (build node, sign node, test system) as fastapi-users modelled it upstream. */
public record User(UserId id, String username, String email, String hashedPassword,
                   boolean active, boolean verified, boolean superuser,
                   Instant createdAt, Instant updatedAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
    }

    public void requireSuperuser() {
        if (!superuser) {
            throw new PermissionDeniedException("Forbidden: superuser rights are required");
        }
    }

    /** The owner of an object, or a superuser, may change or remove it. */
    public void requireOwnerOrSuperuser(UserId owner, String what) {
        if (!superuser && !id.equals(owner)) {
            throw new PermissionDeniedException("Only the owner or a superuser may " + what);
        }
    }
}
