package org.albs.application.port.out;

import java.time.Instant;

/** Remembers which browser-login states were used, so each works once, on any server instance. */
public interface LoginStates {
    /**
     * Marks the state used; false when it was used before (by this or another instance). Forgets states whose
     * lifetime has passed, which can no longer be presented anyway.
     */
    boolean useOnce(String stateId, Instant expiresAt, Instant now);
}
