package org.albs.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.albs.domain.identity.UserId;

/** Signed identity tokens (upstream-compatible JWTs). */
public interface AccessTokens {
    String issue(UserId user, Duration lifetime);

    /** The user a token names, if its signature, audience and expiry are good. */
    Optional<UserId> verify(String token);

    /** A signed browser-login state naming a one-time id, good for the lifetime (upstream: 1 h). */
    String issueState(String stateId, Duration lifetime);

    /** The state a token carries, if its signature, audience and expiry are good. */
    Optional<LoginState> verifyState(String token);

    record LoginState(String id, Instant expiresAt) {
    }
}
