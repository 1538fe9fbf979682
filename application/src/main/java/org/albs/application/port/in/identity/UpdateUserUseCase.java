package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

public interface UpdateUserUseCase {
    /** Superusers activate, verify and promote users; nobody removes their own superuser flag. */
    void updateUser(User actor, long userId, UpdateUserCommand command);
}
