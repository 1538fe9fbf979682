package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

/** A person who just signed in, and the access token (upstream's format) they use from now on. */
public record SignedIn(User user, String token) {
}
