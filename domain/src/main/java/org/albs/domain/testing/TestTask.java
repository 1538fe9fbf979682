package org.albs.domain.testing;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.Leased;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkEvent;
import org.albs.domain.lease.WorkState;

/**
 * One test of one binary package of a completed build task, in one revision (a restart adds a revision, it never
 * changes an old one), leased to the test system like every other kind of work: ALTS claims it by polling, and
 * either posts a result or loses the lease, which the next poll takes over until the attempts are used up.
 *
 * @param envArch the architecture the test runs on (the package's, or the build task's for a noarch package)
 */
public record TestTask(WorkState<TestTaskStatus> state, long buildId, long buildTaskId, int revision,
                       TestedPackage pkg, String envArch) implements Leased<TestTask, TestTaskStatus> {
    /**
     * The test task life cycle.
     * <pre>
     * CREATED ──CLAIM (ALTS polls)──► STARTED ──DONE / FAIL / REVOKE (a result)──► COMPLETED / FAILED / CANCELLED
     *    │                              │ ▲ RECLAIM (lease expired, attempts left)
     *    │                              └─┘
     *    │                            STARTED ──LEASE_EXHAUSTED──► FAILED
     *    │                            STARTED ──REVOKE (ALTS confirms a cancel)──► CANCELLED
     *    └──CANCEL──► CANCELLED
     * COMPLETED / FAILED ──REJECT (its logs could not be imported)──► FAILED
     * </pre>
     */
    public static final Lifecycle<TestTaskStatus> LIFECYCLE = Lifecycle.of("Test task", "test system",
                    TestTaskStatus.class)
            .allow(TestTaskStatus.CREATED, WorkEvent.CLAIM, TestTaskStatus.STARTED)
            .allow(TestTaskStatus.CREATED, WorkEvent.CANCEL, TestTaskStatus.CANCELLED)
            .allow(TestTaskStatus.STARTED, WorkEvent.RECLAIM, TestTaskStatus.STARTED)
            .allow(TestTaskStatus.STARTED, WorkEvent.LEASE_EXHAUSTED, TestTaskStatus.FAILED)
            .allow(TestTaskStatus.STARTED, WorkEvent.DONE, TestTaskStatus.COMPLETED)
            .allow(TestTaskStatus.STARTED, WorkEvent.FAIL, TestTaskStatus.FAILED)
            .allow(TestTaskStatus.STARTED, WorkEvent.REVOKE, TestTaskStatus.CANCELLED)
            .allow(TestTaskStatus.COMPLETED, WorkEvent.REJECT, TestTaskStatus.FAILED)
            .allow(TestTaskStatus.FAILED, WorkEvent.REJECT, TestTaskStatus.FAILED);

    public TestTask {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(envArch, "envArch");
        if (revision < 1) {
            throw new IllegalArgumentException("revisions start at 1");
        }
    }

    /** A new test task, waiting for the test system (its id is given by the store). */
    public static TestTask created(long buildId, long buildTaskId, int revision, TestedPackage pkg, String envArch) {
        return new TestTask(WorkState.waiting(0, TestTaskStatus.CREATED), buildId, buildTaskId, revision, pkg,
                envArch);
    }

    @Override
    public TestTask with(WorkState<TestTaskStatus> next) {
        return new TestTask(next, buildId, buildTaskId, revision, pkg, envArch);
    }

    @Override
    public Lifecycle<TestTaskStatus> lifecycle() {
        return LIFECYCLE;
    }

    public TestTaskStatus status() {
        return state.status();
    }

    /**
     * The test system's result ends the task with the verdict's status. Accepted from any reporter while the task
     * is started, even after its lease was taken over (see {@link WorkState#accept}); refused once it has ended.
     */
    public Change<TestTask> report(UserId reporter, TestVerdict verdict, Instant startedByReporter, Instant now) {
        Change<TestTask> c = apply(state.accept(LIFECYCLE, reporter, verdict.event(), startedByReporter, now));
        if (verdict.reason() == null) {
            return c;
        }
        WorkState<TestTaskStatus> s = c.work().state();
        return new Change<>(with(new WorkState<>(s.id(), s.status(), s.lease(), s.attempt(), verdict.reason(),
                s.startedAt(), s.finishedAt())), c.entry());
    }

    /** A user cancels the test before the test system took it. */
    public Change<TestTask> cancel(UserId by, Instant now) {
        return apply(state.endWaiting(LIFECYCLE, WorkEvent.CANCEL, by, "Test task cancelled by user", now));
    }

    /** The test system confirmed it cancelled the started test. */
    public Change<TestTask> cancelledAtTestSystem(Instant now) {
        return apply(state.revoke(LIFECYCLE, null, "Test task cancelled at the test system", now));
    }

    /** Its logs could not be imported: the test fails after all, with the reason. */
    public Change<TestTask> reject(String reason, Instant now) {
        return apply(state.reject(LIFECYCLE, reason, now));
    }
}
