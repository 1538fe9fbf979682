package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

public interface AuthenticateUseCase {
    /**
     * The user behind a bearer token. Bad token, unknown or inactive user: not authenticated; a user not yet verified
     * by an admin: permission denied.
     */
    User authenticate(String bearerToken);
}
