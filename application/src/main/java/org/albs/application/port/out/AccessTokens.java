package org.albs.application.port.out;

import java.time.Duration;
import java.util.Optional;

import org.albs.domain.identity.UserId;

/** Signed identity tokens (upstream-compatible JWTs). */
public interface AccessTokens {
    String issue(UserId user, Duration lifetime);

    /** The user a token names, if its signature, audience and expiry are good. */
    Optional<UserId> verify(String token);
}
