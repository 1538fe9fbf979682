package org.albs.domain.builds;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/**
 * The dispatch-relevant state of one build task. Immutable: every change is an intention-revealing method that
 * checks the state machine and returns the new state together with the history entry it produces.
 */
public record BuildTask(long id, long buildId, long platformId, long refId, UserId owner, int index, String arch,
                        BuildTaskStatus status, Lease lease, int attempt, String error, Instant startedAt,
                        Instant finishedAt, String builtSrpmUrl) {
    public BuildTask {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(arch, "arch");
    }

    /** The new state of a task and the history entry that explains it. */
    public record Change(BuildTask task, TaskHistoryEntry entry) {
    }

    /** A node takes an idle task. */
    public Change claim(UserId node, Instant now, DispatchPolicy policy) {
        BuildTaskStatus next = TaskStateMachine.next(status, TaskEvent.CLAIM);
        BuildTask claimed = with(next, new Lease(node, now.plus(policy.leaseDuration())), attempt + 1, null, now, null);
        return new Change(claimed, entry(claimed, now, TaskEvent.CLAIM, node, null));
    }

    /**
     * A node asks for work and this started task's lease has run out: hand it over (one more attempt) or, when all
     * attempts are spent, fail it.
     */
    public Change takeOverExpired(UserId node, Instant now, DispatchPolicy policy) {
        if (status != BuildTaskStatus.STARTED || lease == null || !lease.expiredAt(now)) {
            throw new IllegalTransitionException(status, TaskEvent.RECLAIM);
        }
        if (attempt >= policy.maxAttempts()) {
            return expireFinally(now, policy);
        }
        String reason = "lease of user " + lease.holder() + " expired at " + lease.expiresAt() + " (attempt "
                + attempt + " of " + policy.maxAttempts() + ")";
        BuildTaskStatus next = TaskStateMachine.next(status, TaskEvent.RECLAIM);
        BuildTask taken = with(next, new Lease(node, now.plus(policy.leaseDuration())), attempt + 1, null, now, null);
        return new Change(taken, entry(taken, now, TaskEvent.RECLAIM, node, reason));
    }

    /** The lease ran out on the last allowed attempt: the task fails with the reason in {@code error}. */
    public Change expireFinally(Instant now, DispatchPolicy policy) {
        if (lease == null || !lease.expiredAt(now) || attempt < policy.maxAttempts()) {
            throw new IllegalTransitionException(status, TaskEvent.LEASE_EXHAUSTED);
        }
        BuildTaskStatus next = TaskStateMachine.next(status, TaskEvent.LEASE_EXHAUSTED);
        String reason = "Build task failed: the lease of user " + lease.holder() + " expired at "
                + lease.expiresAt() + " on attempt " + attempt + " of " + policy.maxAttempts()
                + "; no build node reported a result";
        BuildTask failed = with(next, lease, attempt, reason, startedAt, now);
        return new Change(failed, entry(failed, now, TaskEvent.LEASE_EXHAUSTED, lease.holder(), reason));
    }

    /**
     * The holder reports a result. Rejected when the task is already finished or when another node holds it now
     * (the caller's lease expired and the task was taken over). A holder whose lease expired but whose task nobody
     * took is still accepted: the work is done, so there is no reason to throw it away.
     */
    public Change finish(UserId node, NodeOutcome outcome, Instant startedByNode, Instant now) {
        if (status.isFinished()) {
            throw new TaskAlreadyFinishedException("Build task " + id + " is already finished (" + status + ")");
        }
        if (status != BuildTaskStatus.STARTED) {
            throw new TaskAlreadyFinishedException("Build task " + id + " was not handed out, state " + status);
        }
        if (lease == null || !lease.holder().equals(node)) {
            throw new TaskAlreadyFinishedException("Build task " + id + " is held by another build node now");
        }
        BuildTaskStatus next = TaskStateMachine.next(status, outcome.event());
        BuildTask done = with(next, lease, attempt, null, startedByNode != null ? startedByNode : startedAt, now);
        return new Change(done, entry(done, now, outcome.event(), node, null));
    }

    public Change cancel(UserId by, Instant now) {
        String reason = "Build task cancelled by user";
        BuildTask cancelled = with(TaskStateMachine.next(status, TaskEvent.CANCEL), null, attempt, reason, startedAt, now);
        return new Change(cancelled, entry(cancelled, now, TaskEvent.CANCEL, by, reason));
    }

    /** The SRPM of this task's ref failed on {@code failedArch}: building this task is pointless. */
    public Change fastFail(String failedArch, Instant now) {
        String reason = "Fast failed: SRPM build failed in the initial architecture (" + failedArch + "). "
                + "Please refer to the initial architecture build logs for more information about the failure.";
        BuildTask failed = with(TaskStateMachine.next(status, TaskEvent.FAST_FAIL), null, attempt, reason, startedAt, now);
        return new Change(failed, entry(failed, now, TaskEvent.FAST_FAIL, null, reason));
    }

    /** A failed task goes back to the queue with a fresh attempt budget; its SRPM is rebuilt if asked. */
    public Change restart(UserId by, boolean clearSrpm, Instant now) {
        BuildTaskStatus next = TaskStateMachine.next(status, TaskEvent.RESTART);
        BuildTask restarted = new BuildTask(id, buildId, platformId, refId, owner, index, arch, next, null, 0, null,
                null, null, clearSrpm ? null : builtSrpmUrl);
        return new Change(restarted, entry(restarted, now, TaskEvent.RESTART, by, null));
    }

    private BuildTask with(BuildTaskStatus next, Lease newLease, int newAttempt, String newError, Instant started,
                           Instant finished) {
        return new BuildTask(id, buildId, platformId, refId, owner, index, arch, next, newLease, newAttempt, newError,
                started, finished, builtSrpmUrl);
    }

    private static TaskHistoryEntry entry(BuildTask t, Instant at, TaskEvent event, UserId node, String reason) {
        return new TaskHistoryEntry(t.id, at, event, t.status, node, t.attempt, reason);
    }
}
