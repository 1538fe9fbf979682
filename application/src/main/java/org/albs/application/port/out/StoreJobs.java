package org.albs.application.port.out;

import java.util.List;
import java.util.Optional;

import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.UserId;

/**
 * Artifact-store jobs on the lease queue. Claimable: waiting jobs, oldest first, whatever their kind (a worker does
 * every kind); a claim's payload is nothing beyond the job. Every write of a running job's steps is fenced by its
 * lease: a worker that lost the job (its lease ran out and another worker took it over) cannot write.
 */
public interface StoreJobs extends LeaseQueue<StoreJob, StoreJobs.AnyJob, StoreJobs.AnyJob> {
    /** A worker takes any kind of job; no payload comes with one. */
    enum AnyJob {
        INSTANCE
    }

    /** Adds a waiting job in the caller's transaction; returns its id. */
    long enqueue(StoreJob job);

    /**
     * Writes the job's steps and its (renewed) lease if {@code worker} still holds it, in the caller's transaction;
     * false (nothing written) when it does not.
     */
    boolean saveSteps(StoreJob job, UserId worker);

    /**
     * Once every task of the task's ref on its platform has ended and no import of theirs is waiting or running,
     * adds the index's finalization job, once (called when a task's import is done, in that transaction; it locks
     * the ref, so two imports ending together both see each other).
     */
    void enqueueFinalizationWhenSettled(long taskId, java.time.Instant now);

    /** A fresh holder id for a job worker, unique across instances and restarts. */
    UserId newWorkerId();

    /** A job, read without locking it. */
    Optional<StoreJob> find(long id);

    /** One page of jobs, newest first, for operators. */
    List<StoreJob> page(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind, Optional<Long> buildId,
                        int offset, int limit);

    long count(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind, Optional<Long> buildId);

    /** Waiting or running jobs of each kind (queue depth), for metrics. */
    java.util.Map<StoreJobKind, Long> openByKind();
}
