package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

public interface RemoveUserUseCase {
    /**
     * Superusers remove a user and their builds (through the normal build removal); refused while the user owns
     * released or signed builds.
     */
    void removeUser(User actor, long userId);
}
