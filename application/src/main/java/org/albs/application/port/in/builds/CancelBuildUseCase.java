package org.albs.application.port.in.builds;

import org.albs.domain.identity.User;

public interface CancelBuildUseCase {
    /** Idle tasks are cancelled; started ones run to their end. */
    void cancel(User actor, long buildId);
}
