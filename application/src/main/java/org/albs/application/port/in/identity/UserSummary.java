package org.albs.application.port.in.identity;

/** A user as the users list shows it; {@code email} is null unless the viewer is a superuser. */
public record UserSummary(long id, String username, String email, boolean isActive, boolean isVerified,
                          boolean isSuperuser) {
}
