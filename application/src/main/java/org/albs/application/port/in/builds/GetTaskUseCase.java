package org.albs.application.port.in.builds;

import java.util.Optional;

import org.albs.domain.identity.User;

public interface GetTaskUseCase {
    /** Hands the node one task under a lease, or nothing. */
    Optional<TaskPayload> nextTask(User node, GetTaskCommand command);
}
