package org.albs.domain.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.NotHeldException;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoreJobTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final UserId WORKER = new UserId(1_000_000_000_007L);
    private static final UserId OTHER = new UserId(1_000_000_000_008L);
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(5), 3);
    private static final Map<String, StoreJobStatus> ALLOWED = Map.of(
            "WAITING/CLAIM", StoreJobStatus.RUNNING,
            "RUNNING/RECLAIM", StoreJobStatus.RUNNING,
            "RUNNING/BACK_OFF", StoreJobStatus.RUNNING,
            "RUNNING/DONE", StoreJobStatus.DONE,
            "RUNNING/FAIL", StoreJobStatus.FAILED,
            "RUNNING/LEASE_EXHAUSTED", StoreJobStatus.FAILED,
            "FAILED/RESTART", StoreJobStatus.WAITING);

    static Stream<Arguments> everyStateAndEvent() {
        return Stream.of(StoreJobStatus.values())
                .flatMap(s -> Stream.of(WorkEvent.values()).map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void transitionTableIsExactlyTheLifeCycle(StoreJobStatus from, WorkEvent event) {
        assertThat(StoreJob.LIFECYCLE.target(from, event))
                .isEqualTo(java.util.Optional.ofNullable(ALLOWED.get(from + "/" + event)));
        assertThat(StoreJobStatus.ofCode(from.code())).isEqualTo(from);
    }

    private static StoreJob running() {
        StoreJob job = new StoreJob(org.albs.domain.lease.WorkState.waiting(5, StoreJobStatus.WAITING),
                StoreJobKind.IMPORT_ARTIFACTS, StoreJob.Subject.task(1, 2), Map.of(), T0);
        return job.claim(WORKER, T0, TERMS).work();
    }

    @Test
    void stepsAreStartedWithTheirOperationThenDone() {
        StoreJob job = running().started("content:a.rpm", "/tasks/1/");
        assertThat(job.startedOperation("content:a.rpm")).contains("/tasks/1/");
        assertThat(job.isDone("content:a.rpm")).isFalse();
        job = job.done("content:a.rpm", "/content/9/");
        assertThat(job.startedOperation("content:a.rpm")).isEmpty();
        assertThat(job.isDone("content:a.rpm")).isTrue();
        assertThat(job.result("content:a.rpm")).contains("/content/9/");
        assertThat(job.done("publish:x").result("publish:x")).isEmpty();
        assertThat(job.done("publish:x").isDone("publish:x")).isTrue();
    }

    @Test
    void backOffKeepsTheJobAndLetsItsLeaseRunOutWhenItMayBeTriedAgain() {
        Change<StoreJob> backedOff = running().backOff(WORKER, "Pulp did not answer", Duration.ofSeconds(5),
                Duration.ofMinutes(1), T0.plusSeconds(1));
        StoreJob job = backedOff.work();
        assertThat(job.status()).isEqualTo(StoreJobStatus.RUNNING);
        assertThat(job.state().lease().expiresAt()).isEqualTo(T0.plusSeconds(6));
        assertThat(job.state().error()).isEqualTo("Pulp did not answer");
        assertThat(backedOff.entry().event()).isEqualTo(WorkEvent.BACK_OFF);
        // the next claim takes it over once the back-off is over, one attempt later, the error cleared
        StoreJob taken = job.takeOver(OTHER, T0.plusSeconds(6), TERMS).work();
        assertThat(taken.state().attempt()).isEqualTo(2);
        assertThat(taken.state().lease().heldBy(OTHER)).isTrue();
        // the back-off doubles with the attempt and stops at the maximum
        StoreJob second = taken.backOff(OTHER, "again", Duration.ofSeconds(5), Duration.ofSeconds(8),
                T0.plusSeconds(7)).work();
        assertThat(second.state().lease().expiresAt()).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void theLastAttemptsLeaseRunningOutFailsTheJobWithTheLastError() {
        StoreJob job = running();
        for (int i = 0; i < 2; i++) {
            Instant at = T0.plusSeconds(100L * (i + 1));
            job = job.backOff(job.state().lease().holder(), "Pulp answered 503", Duration.ofSeconds(1),
                    Duration.ofSeconds(1), at).work();
            job = job.takeOver(WORKER, at.plusSeconds(1), TERMS).work();
        }
        job = job.backOff(WORKER, "Pulp answered 503", Duration.ofSeconds(1), Duration.ofSeconds(1), T0.plusSeconds(400))
                .work();
        Change<StoreJob> failed = job.takeOver(OTHER, T0.plusSeconds(401), TERMS);
        assertThat(failed.work().status()).isEqualTo(StoreJobStatus.FAILED);
        assertThat(failed.work().state().error()).contains("on attempt 3 of 3").contains("last error: Pulp answered 503");
    }

    @Test
    void onlyTheHolderFinishesFailsOrBacksOff() {
        StoreJob job = running();
        assertThatThrownBy(() -> job.finish(OTHER, null, T0)).isInstanceOf(NotHeldException.class);
        assertThatThrownBy(() -> job.fail(OTHER, "x", T0)).isInstanceOf(NotHeldException.class);
        assertThatThrownBy(() -> job.backOff(OTHER, "x", Duration.ofSeconds(1), Duration.ofSeconds(1), T0))
                .isInstanceOf(NotHeldException.class);
        Change<StoreJob> done = job.finish(WORKER, "multilib skipped: the i686 task failed", T0.plusSeconds(3));
        assertThat(done.work().status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(done.entry().reason()).isEqualTo("multilib skipped: the i686 task failed");
        Change<StoreJob> failed = job.fail(WORKER, "checksum mismatch", T0.plusSeconds(3));
        assertThat(failed.work().state().error()).isEqualTo("checksum mismatch");
        assertThat(failed.entry().reason()).isEqualTo("checksum mismatch");
    }

    @Test
    void aRetriedJobWaitsAgainWithAFreshBudgetAndKeepsItsDoneSteps() {
        StoreJob failed = running().done("content:a.rpm", "/c/1/").fail(WORKER, "boom", T0).work();
        StoreJob retried = failed.retry(new UserId(1), T0.plusSeconds(9)).work();
        assertThat(retried.status()).isEqualTo(StoreJobStatus.WAITING);
        assertThat(retried.state().attempt()).isZero();
        assertThat(retried.state().error()).isNull();
        assertThat(retried.isDone("content:a.rpm")).isTrue();
        assertThatThrownBy(() -> running().retry(new UserId(1), T0))
                .isInstanceOf(org.albs.domain.lease.IllegalTransitionException.class);
    }
}
