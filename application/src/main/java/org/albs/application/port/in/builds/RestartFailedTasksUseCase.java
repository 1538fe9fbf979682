package org.albs.application.port.in.builds;

import org.albs.domain.identity.User;

public interface RestartFailedTasksUseCase {
    /** Failed tasks go back to the queue, one after another, or side by side where upstream's parallel mode allows. */
    void restartFailed(User actor, long buildId, boolean parallel);
}
