package org.albs.application.port.in.artifacts;

import org.albs.domain.identity.User;

/** A superuser puts a failed store job back in the queue; its done steps stay done. */
public interface RetryStoreJobUseCase {
    StoreJobView retry(User actor, long jobId);
}
