package org.albs.domain.builds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Lease;
import org.albs.domain.lease.Leased;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkEvent;
import org.albs.domain.lease.WorkState;

/**
 * One build task as dispatch sees it: the lease-queue state every kind of leased work has ({@link WorkState}), what
 * it builds (build, platform, ref, owner, index, arch), and what it learns on the way (the SRPM of its ref, the CAS
 * facts of its sources). Immutable: every change is an intention-revealing method that returns the new task with
 * the history entry explaining it; a store writes that task as it is.
 */
public record BuildTask(WorkState<BuildTaskStatus> state, long buildId, long platformId, long refId, UserId owner,
                        int index, String arch, Srpm srpm, CasFacts cas) implements Leased<BuildTask, BuildTaskStatus> {
    /**
     * The build task life cycle.
     * <pre>
     * IDLE ──CLAIM──► STARTED ──DONE/FAIL/EXCLUDE──► COMPLETED / FAILED / EXCLUDED
     *  │               │ ▲ RECLAIM (lease expired, attempts left)
     *  │               └─┘
     *  │              STARTED ──LEASE_EXHAUSTED──► FAILED
     *  ├──CANCEL──► CANCELLED
     *  └──FAST_FAIL──► FAILED ──RESTART──► IDLE
     * COMPLETED ──REJECT (its artifacts could not be imported)──► FAILED
     * </pre>
     */
    public static final Lifecycle<BuildTaskStatus> LIFECYCLE = Lifecycle.of("Build task", "build node",
                    BuildTaskStatus.class)
            .allow(BuildTaskStatus.IDLE, WorkEvent.CLAIM, BuildTaskStatus.STARTED)
            .allow(BuildTaskStatus.IDLE, WorkEvent.CANCEL, BuildTaskStatus.CANCELLED)
            .allow(BuildTaskStatus.IDLE, WorkEvent.FAST_FAIL, BuildTaskStatus.FAILED)
            .allow(BuildTaskStatus.STARTED, WorkEvent.RECLAIM, BuildTaskStatus.STARTED)
            .allow(BuildTaskStatus.STARTED, WorkEvent.LEASE_EXHAUSTED, BuildTaskStatus.FAILED)
            .allow(BuildTaskStatus.STARTED, WorkEvent.DONE, BuildTaskStatus.COMPLETED)
            .allow(BuildTaskStatus.STARTED, WorkEvent.FAIL, BuildTaskStatus.FAILED)
            .allow(BuildTaskStatus.STARTED, WorkEvent.EXCLUDE, BuildTaskStatus.EXCLUDED)
            .allow(BuildTaskStatus.COMPLETED, WorkEvent.REJECT, BuildTaskStatus.FAILED)
            .allow(BuildTaskStatus.FAILED, WorkEvent.RESTART, BuildTaskStatus.IDLE);

    public BuildTask {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(arch, "arch");
        cas = cas == null ? CasFacts.NONE : cas;
    }

    /** A task as planned, waiting for its first claim. */
    public static BuildTask planned(long id, long buildId, long platformId, long refId, UserId owner, int index,
                                    String arch) {
        return new BuildTask(WorkState.waiting(id, BuildTaskStatus.IDLE), buildId, platformId, refId, owner, index,
                arch, null, CasFacts.NONE);
    }

    @Override
    public BuildTask with(WorkState<BuildTaskStatus> next) {
        return new BuildTask(next, buildId, platformId, refId, owner, index, arch, srpm, cas);
    }

    @Override
    public Lifecycle<BuildTaskStatus> lifecycle() {
        return LIFECYCLE;
    }

    public BuildTaskStatus status() {
        return state.status();
    }

    public Lease lease() {
        return state.lease();
    }

    public int attempt() {
        return state.attempt();
    }

    public String error() {
        return state.error();
    }

    public Instant startedAt() {
        return state.startedAt();
    }

    public Instant finishedAt() {
        return state.finishedAt();
    }

    public String builtSrpmUrl() {
        return srpm == null ? null : srpm.url();
    }

    /** Whether the task ended without ever running (cancelled, fast-failed): its dependants then inherit its own. */
    public boolean endedWithoutRunning() {
        return state.phase() == LeasePhase.ENDED && state.startedAt() == null;
    }

    /**
     * The outcome of a node's report on this task, as {@link #report} decides it. {@code awaitsImport}: the task
     * completed with artifacts, so its dependants wait until those are in the build's repositories (they build
     * against them); otherwise they stop waiting now.
     */
    public record Reported(Change<BuildTask> change, Srpm deliveredSrpm, boolean failsIdleSiblings,
                           boolean awaitsImport) {
    }

    /**
     * The holder reports its result: the task ends (see {@link WorkState#finish} for who may report), recording the
     * CAS facts the report gives. The first task of a ref to report on a platform (normally its src task) decides
     * the SRPM: built and done, the SRPM goes to every task of the ref on the platform; failed without one, the
     * ref's idle tasks there are pointless and fail fast.
     *
     * @param platformName the name of the task's platform, part of the SRPM's location
     */
    public Reported report(UserId node, NodeReport report, String platformName, Instant now) {
        Change<BuildTask> finished = apply(state.finish(LIFECYCLE, node, report.outcome().event(),
                report.startedByNode(), now));
        Srpm delivered = null;
        boolean failSiblings = false;
        if (srpm == null) {
            var built = report.sourceRpm();
            if (built.isPresent() && report.outcome() == NodeOutcome.DONE) {
                delivered = new Srpm(Srpm.location(platformName, buildId, built.get().name()), built.get().casHash());
            } else if (built.isEmpty() && report.outcome() == NodeOutcome.FAILED) {
                failSiblings = true;
            }
        }
        BuildTask t = finished.work();
        BuildTask recorded = new BuildTask(t.state, buildId, platformId, refId, owner, index, arch,
                delivered != null ? delivered : srpm, report.cas() != null ? report.cas() : cas);
        return new Reported(new Change<>(recorded, finished.entry()), delivered, failSiblings,
                report.outcome() == NodeOutcome.DONE && !report.artifacts().isEmpty());
    }

    /** A report with nothing but the outcome: no artifacts, no CAS facts. */
    public Change<BuildTask> finish(UserId node, NodeOutcome outcome, Instant startedByNode, Instant now) {
        return report(node, new NodeReport(outcome, List.of(), startedByNode, null), null, now).change();
    }

    /** The ref's SRPM, delivered by the task that built it. */
    public BuildTask withSrpm(Srpm delivered) {
        return new BuildTask(state, buildId, platformId, refId, owner, index, arch, delivered, cas);
    }

    /** The task's artifacts could not be imported (a checksum mismatch ...): the completed task fails after all. */
    public Change<BuildTask> reject(String reason, Instant now) {
        return apply(state.reject(LIFECYCLE, reason, now));
    }

    public Change<BuildTask> cancel(UserId by, Instant now) {
        return apply(state.endWaiting(LIFECYCLE, WorkEvent.CANCEL, by, "Build task cancelled by user", now));
    }

    /** The SRPM of this task's ref failed on {@code failedArch}: building this task is pointless. */
    public Change<BuildTask> fastFail(String failedArch, Instant now) {
        String reason = "Fast failed: SRPM build failed in the initial architecture (" + failedArch + "). "
                + "Please refer to the initial architecture build logs for more information about the failure.";
        return apply(state.endWaiting(LIFECYCLE, WorkEvent.FAST_FAIL, null, reason, now));
    }

    /** A failed task goes back to the queue with a fresh attempt budget; its SRPM is forgotten when asked. */
    public Change<BuildTask> restart(UserId by, boolean clearSrpm, Instant now) {
        Change<BuildTask> restarted = apply(state.restart(LIFECYCLE, by, now));
        BuildTask t = restarted.work();
        return new Change<>(clearSrpm ? t.withSrpm(null) : t, restarted.entry());
    }
}
