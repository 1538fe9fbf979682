package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

/** A user as the users list shows it; {@code email} is null unless the viewer is a superuser. */
public record UserSummary(long id, String username, String email, boolean isActive, boolean isVerified,
                          boolean isSuperuser) {
    public static UserSummary of(User u, boolean seesEmail) {
        return new UserSummary(u.id().value(), u.username(), seesEmail ? u.email() : null, u.active(), u.verified(),
                u.superuser());
    }
}
