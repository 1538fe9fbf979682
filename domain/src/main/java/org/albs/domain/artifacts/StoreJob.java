package org.albs.domain.artifacts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.Leased;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkEvent;
import org.albs.domain.lease.WorkState;

/**
 * A job of our own workers against the artifact store, leased like every other kind of work, with the steps it has
 * done so far. A step is recorded as started (with the store operation it started) and then as done, so a job taken
 * over after a crash waits for a started operation instead of starting it again, and skips what is done.
 *
 * @param subject what the job is about: a build (repositories), a build task (import), or a ref on a platform
 *                (finalize: its build, platform and index)
 * @param steps   step key → {@code started:<operation>} or {@code done[:<result>]}
 */
public record StoreJob(WorkState<StoreJobStatus> state, StoreJobKind kind, Subject subject, Map<String, String> steps,
                       Instant createdAt) implements Leased<StoreJob, StoreJobStatus> {
    /** The build, task, platform and index, or test, a job is about; any but the build may be null. */
    public record Subject(long buildId, Long taskId, Long platformId, Integer index, Long testTaskId) {
        public Subject(long buildId, Long taskId, Long platformId, Integer index) {
            this(buildId, taskId, platformId, index, null);
        }

        public static Subject build(long buildId) {
            return new Subject(buildId, null, null, null);
        }

        public static Subject task(long buildId, long taskId) {
            return new Subject(buildId, taskId, null, null);
        }

        public static Subject index(long buildId, long platformId, int index) {
            return new Subject(buildId, null, platformId, index);
        }
    }

    /**
     * The store job life cycle.
     * <pre>
     * WAITING ──CLAIM──► RUNNING ──DONE──► DONE
     *                     │ ▲ RECLAIM, BACK_OFF
     *                     └─┘
     *                    RUNNING ──FAIL / LEASE_EXHAUSTED──► FAILED ──RESTART (an operator's retry)──► WAITING
     * </pre>
     */
    public static final Lifecycle<StoreJobStatus> LIFECYCLE = Lifecycle.of("Store job", "job worker",
                    StoreJobStatus.class)
            .allow(StoreJobStatus.WAITING, WorkEvent.CLAIM, StoreJobStatus.RUNNING)
            .allow(StoreJobStatus.RUNNING, WorkEvent.RECLAIM, StoreJobStatus.RUNNING)
            .allow(StoreJobStatus.RUNNING, WorkEvent.BACK_OFF, StoreJobStatus.RUNNING)
            .allow(StoreJobStatus.RUNNING, WorkEvent.DONE, StoreJobStatus.DONE)
            .allow(StoreJobStatus.RUNNING, WorkEvent.FAIL, StoreJobStatus.FAILED)
            .allow(StoreJobStatus.RUNNING, WorkEvent.LEASE_EXHAUSTED, StoreJobStatus.FAILED)
            .allow(StoreJobStatus.FAILED, WorkEvent.RESTART, StoreJobStatus.WAITING);

    private static final String STARTED = "started:";
    private static final String DONE = "done";
    /** A deletion step not done yet, with the store handle of the repository it removes. */
    private static final String PENDING = "pending:";
    private static final String DELETE = "delete:";
    private static final String CANCEL = "cancel:";

    public StoreJob {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        steps = Map.copyOf(steps);
    }

    public static StoreJob waiting(StoreJobKind kind, Subject subject, Instant now) {
        return new StoreJob(WorkState.waiting(0, StoreJobStatus.WAITING), kind, subject, Map.of(), now);
    }

    /** A waiting job that starts with these steps recorded (what it is about, beyond its subject). */
    public static StoreJob waiting(StoreJobKind kind, Subject subject, Map<String, String> steps, Instant now) {
        return new StoreJob(WorkState.waiting(0, StoreJobStatus.WAITING), kind, subject, steps, now);
    }

    /** The job that removes a deleted build's repositories (name → the store's handle) from the store. */
    public static StoreJob deletion(long buildId, Map<String, String> handlesByName, Instant now) {
        Map<String, String> steps = new LinkedHashMap<>();
        handlesByName.forEach((name, handle) -> steps.put(DELETE + name, PENDING + handle));
        return new StoreJob(WorkState.waiting(0, StoreJobStatus.WAITING), StoreJobKind.DELETE_REPOSITORIES,
                Subject.build(buildId), steps, now);
    }

    /** The job that asks the test system to cancel these started tests of a build. */
    public static StoreJob testCancellation(long buildId, java.util.List<Long> testTaskIds, Instant now) {
        Map<String, String> steps = new LinkedHashMap<>();
        testTaskIds.forEach(id -> steps.put(CANCEL + id, "pending"));
        return new StoreJob(WorkState.waiting(0, StoreJobStatus.WAITING), StoreJobKind.CANCEL_TESTS,
                Subject.build(buildId), steps, now);
    }

    /** The tests a cancellation job has still to see cancelled, in id order. */
    public java.util.List<Long> cancellationsLeft() {
        java.util.List<Long> left = new java.util.ArrayList<>();
        steps.forEach((step, value) -> {
            if (step.startsWith(CANCEL) && !isDone(step)) {
                left.add(Long.parseLong(step.substring(CANCEL.length())));
            }
        });
        left.sort(null);
        return left;
    }

    /** The step that sees one test cancelled. */
    public static String cancellationStep(long testTaskId) {
        return CANCEL + testTaskId;
    }

    /** The repositories a deletion job has still to remove: name → handle. */
    public Map<String, String> deletionsLeft() {
        Map<String, String> left = new LinkedHashMap<>();
        steps.forEach((step, value) -> {
            if (step.startsWith(DELETE) && value.startsWith(PENDING)) {
                left.put(step.substring(DELETE.length()), value.substring(PENDING.length()));
            }
        });
        return left;
    }

    /** The step that removes one repository. */
    public static String deletionStep(String name) {
        return DELETE + name;
    }

    @Override
    public StoreJob with(WorkState<StoreJobStatus> next) {
        return new StoreJob(next, kind, subject, steps, createdAt);
    }

    @Override
    public Lifecycle<StoreJobStatus> lifecycle() {
        return LIFECYCLE;
    }

    public StoreJobStatus status() {
        return state.status();
    }

    /** The operation a step started and did not see end, if it did. */
    public Optional<String> startedOperation(String step) {
        String s = steps.get(step);
        return s != null && s.startsWith(STARTED) ? Optional.of(s.substring(STARTED.length())) : Optional.empty();
    }

    public boolean isDone(String step) {
        String s = steps.get(step);
        return s != null && (s.equals(DONE) || s.startsWith(DONE + ":"));
    }

    /** What a done step recorded as its result, if anything. */
    public Optional<String> result(String step) {
        String s = steps.get(step);
        return s != null && s.startsWith(DONE + ":") ? Optional.of(s.substring(DONE.length() + 1)) : Optional.empty();
    }

    public StoreJob started(String step, String operation) {
        return withStep(step, STARTED + operation);
    }

    public StoreJob done(String step) {
        return withStep(step, DONE);
    }

    public StoreJob done(String step, String result) {
        return withStep(step, DONE + ":" + result);
    }

    private StoreJob withStep(String step, String value) {
        Map<String, String> next = new LinkedHashMap<>(steps);
        next.put(step, value);
        return new StoreJob(state, kind, subject, next, createdAt);
    }

    /** The worker finished the job; {@code note} (may be null) says anything worth knowing, e.g. a skipped part. */
    public Change<StoreJob> finish(UserId worker, String note, Instant now) {
        WorkState.Transition<StoreJobStatus> t = state.finish(LIFECYCLE, worker, WorkEvent.DONE, null, now);
        WorkState<StoreJobStatus> s = t.state();
        return new Change<>(with(s), new HistoryEntry(t.entry().workId(), now, WorkEvent.DONE,
                s.status(), worker, s.attempt(), note));
    }

    /** The store refused the job's work: it fails with the reason, until an operator retries it. */
    public Change<StoreJob> fail(UserId worker, String reason, Instant now) {
        WorkState.Transition<StoreJobStatus> t = state.finish(LIFECYCLE, worker, WorkEvent.FAIL, null, now);
        WorkState<StoreJobStatus> s = new WorkState<>(t.state().id(), t.state().status(), t.state().lease(),
                t.state().attempt(), reason, t.state().startedAt(), t.state().finishedAt());
        return new Change<>(with(s), new HistoryEntry(t.entry().workId(), now, WorkEvent.FAIL,
                s.status(), worker, s.attempt(), reason));
    }

    /**
     * A passing failure (the store did not answer): the job is tried again after a back-off that doubles with each
     * attempt ({@code base}, 2×, 4× …, at most {@code max}), by whichever worker claims it then.
     */
    public Change<StoreJob> backOff(UserId worker, String reason, Duration base, Duration max, Instant now) {
        long factor = 1L << Math.min(20, Math.max(0, state.attempt() - 1));
        Duration wait = base.multipliedBy(factor);
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        return apply(state.backOff(LIFECYCLE, worker, reason, now.plus(wait), now));
    }

    /**
     * The worker gives the job up now (its server is shutting down): the lease ends at once, so another worker,
     * on any instance, takes it over with the next claim, not after the lease.
     */
    public Change<StoreJob> release(UserId worker, String reason, Instant now) {
        return apply(state.backOff(LIFECYCLE, worker, reason, now, now));
    }

    /** An operator puts a failed job back in the queue with a fresh attempt budget; its done steps stay done. */
    public Change<StoreJob> retry(UserId by, Instant now) {
        return apply(state.restart(LIFECYCLE, by, now));
    }
}
