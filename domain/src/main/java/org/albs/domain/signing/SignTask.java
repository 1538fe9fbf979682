package org.albs.domain.signing;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Leased;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkEvent;
import org.albs.domain.lease.WorkState;

/**
 * One sign task: a build to be signed with one key, leased to a sign node like every other kind of leased work.
 * The node's report is kept with the task ({@code report}, {@code reportedAt}) while the signing job checks it and
 * imports the signed packages; a reported task is nobody's to take over or report again, and it ends when the job
 * has decided: COMPLETED, or FAILED with the reason.
 */
public record SignTask(WorkState<SignTaskStatus> state, long buildId, long signKeyId, SignReport report,
                       Instant reportedAt) implements Leased<SignTask, SignTaskStatus> {
    /**
     * The sign task life cycle. Upstream has no lease: a task whose node died stays IN_PROGRESS forever.
     * <pre>
     * IDLE ──CLAIM──► IN_PROGRESS ──DONE (the signing job accepted the report)──► COMPLETED
     *                  │ ▲ RECLAIM (lease expired, attempts left)
     *                  └─┘
     *                 IN_PROGRESS ──FAIL (the node failed, or the job refused its report)──► FAILED
     *                 IN_PROGRESS ──LEASE_EXHAUSTED──► FAILED
     * </pre>
     */
    public static final Lifecycle<SignTaskStatus> LIFECYCLE = signNodeWork("Sign task");

    /** The life cycle of a kind of work sign nodes do (sign tasks, key generations): the table above. */
    static Lifecycle<SignTaskStatus> signNodeWork(String kind) {
        return Lifecycle.of(kind, "sign node", SignTaskStatus.class)
                .allow(SignTaskStatus.IDLE, WorkEvent.CLAIM, SignTaskStatus.IN_PROGRESS)
                .allow(SignTaskStatus.IN_PROGRESS, WorkEvent.RECLAIM, SignTaskStatus.IN_PROGRESS)
                .allow(SignTaskStatus.IN_PROGRESS, WorkEvent.LEASE_EXHAUSTED, SignTaskStatus.FAILED)
                .allow(SignTaskStatus.IN_PROGRESS, WorkEvent.DONE, SignTaskStatus.COMPLETED)
                .allow(SignTaskStatus.IN_PROGRESS, WorkEvent.FAIL, SignTaskStatus.FAILED);
    }

    public SignTask {
        Objects.requireNonNull(state, "state");
    }

    public static SignTask created(long id, long buildId, long signKeyId) {
        return new SignTask(WorkState.waiting(id, SignTaskStatus.IDLE), buildId, signKeyId, null, null);
    }

    @Override
    public SignTask with(WorkState<SignTaskStatus> next) {
        return new SignTask(next, buildId, signKeyId, report, reportedAt);
    }

    @Override
    public Lifecycle<SignTaskStatus> lifecycle() {
        return LIFECYCLE;
    }

    public SignTaskStatus status() {
        return state.status();
    }

    /** Whether the task is still open: waiting, or held (reported or not). */
    public boolean open() {
        return state.phase() != LeasePhase.ENDED;
    }

    /** What became of a node's report. */
    public record Received(Change<SignTask> change, boolean accepted) {
    }

    /**
     * A node reports the task done or failed. Accepted from the holder of a task not reported yet: the report is
     * kept for the signing job (a failure ends the task at once). Anything else (a second report, a report of a
     * task the caller no longer holds, of an ended task) is ignored and only recorded in the history: upstream's
     * node sends a second, failed report after a first one it thinks failed, and that must never undo the first.
     */
    public Received receive(UserId node, SignReport received, Instant now) {
        WorkEvent event = received.success() ? WorkEvent.DONE : WorkEvent.FAIL;
        String refusal = null;
        if (state.phase() == LeasePhase.ENDED) {
            refusal = "already " + state.status().name();
        } else if (!state.heldBy(node)) {
            refusal = state.phase() == LeasePhase.WAITING ? "it is not handed out"
                    : "it is held by user " + state.lease().holder() + ", not by the caller";
        } else if (reportedAt != null) {
            refusal = "it was reported already at " + reportedAt + " and is being processed";
        }
        if (refusal != null) {
            return new Received(new Change<>(this, new HistoryEntry(state.id(), now, event, state.status(), node,
                    state.attempt(), "report ignored: " + refusal)), false);
        }
        if (!received.success()) {
            String reason = received.errorMessage() == null || received.errorMessage().isBlank()
                    ? "the sign node reported a failure without a message" : received.errorMessage();
            return new Received(end(node, WorkEvent.FAIL, reason, null, now), true);
        }
        SignTask kept = new SignTask(state, buildId, signKeyId, received, now);
        return new Received(new Change<>(kept, new HistoryEntry(state.id(), now, WorkEvent.DONE, state.status(), node,
                state.attempt(), "reported signed; the signing job verifies and imports the packages")), true);
    }

    /** The signing job accepted the report: the task is completed ({@code startedByNode}: the node's start). */
    public Change<SignTask> complete(Instant startedByNode, Instant now) {
        requireReported();
        return end(state.lease().holder(), WorkEvent.DONE, null, startedByNode, now);
    }

    /** The signing job refused the report (wrong key, missing or unknown packages, bad checksums). */
    public Change<SignTask> refuse(String reason, Instant now) {
        requireReported();
        return end(state.lease().holder(), WorkEvent.FAIL, reason, null, now);
    }

    /** Whether the signing job has a report of this task to process. */
    public boolean awaitsProcessing() {
        return reportedAt != null && state.phase() == LeasePhase.LEASED;
    }

    private void requireReported() {
        if (!awaitsProcessing()) {
            throw new org.albs.domain.lease.NotHeldException("Sign task " + state.id() + " has no report to process ("
                    + state.status().name() + ")");
        }
    }

    private Change<SignTask> end(UserId holder, WorkEvent event, String reason, Instant startedByNode, Instant now) {
        WorkState.Transition<SignTaskStatus> t = state.finish(LIFECYCLE, holder, event, startedByNode, now);
        WorkState<SignTaskStatus> s = t.state();
        WorkState<SignTaskStatus> ended = new WorkState<>(s.id(), s.status(), s.lease(), s.attempt(), reason,
                s.startedAt(), s.finishedAt());
        return new Change<>(new SignTask(ended, buildId, signKeyId, report, reportedAt),
                new HistoryEntry(s.id(), now, event, s.status(), holder, s.attempt(), reason));
    }
}
