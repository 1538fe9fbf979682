package org.albs.adapter.in.rest.identity;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.identity.User;

@RegisterForReflection
public record UserDto(long id, String username, String email, boolean isActive, boolean isVerified,
                      boolean isSuperuser) {
    public static UserDto of(User u) {
        return new UserDto(u.id().value(), u.username(), u.email(), u.active(), u.verified(), u.superuser());
    }
}
