package org.albs.application.port.in.identity;

import org.albs.domain.Problems;

/** The flags a superuser sets on a user (null: unchanged); {@code id}, when given, must be the user's. */
public record UpdateUserCommand(Long id, Boolean isActive, Boolean isVerified, Boolean isSuperuser) {
    public UpdateUserCommand {
        Problems problems = new Problems();
        if (isActive == null && isVerified == null && isSuperuser == null) {
            problems.add("give at least one of is_active, is_verified, is_superuser", "value_error");
        }
        problems.throwIfAny();
    }
}
