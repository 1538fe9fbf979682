package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

public interface CreateServiceAccountUseCase {
    /** A verified, non-superuser account for a build node or another service; superusers only. */
    User createServiceAccount(User actor, NewAccountCommand command);
}
