package org.albs.application.port.in.artifacts;

import org.albs.domain.identity.UserId;

/** Our own workers of the artifact-store jobs: each claims a job, works it step by step, and ends it. */
public interface RunStoreJobsUseCase {
    /** A holder id for a new worker. */
    UserId newWorker();

    /** Claims the oldest job the worker may take and works it to its end or its back-off; false: none waits. */
    boolean workOnce(UserId worker);
}
