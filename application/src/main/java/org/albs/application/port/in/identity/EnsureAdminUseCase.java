package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

public interface EnsureAdminUseCase {
    /**
     * Creates the first superuser from the operator's configuration, or resets its password when it exists, so the
     * configured password is always the one that works.
     */
    User ensureAdmin(String username, String email, String password);
}
