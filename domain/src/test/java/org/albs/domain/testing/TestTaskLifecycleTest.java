package org.albs.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.IllegalTransitionException;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.NotHeldException;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state × every event of a test task, and what its intention-revealing methods do. */
class TestTaskLifecycleTest {
    private static final Map<String, TestTaskStatus> ALLOWED = Map.of(
            "CREATED/CLAIM", TestTaskStatus.STARTED,
            "CREATED/CANCEL", TestTaskStatus.CANCELLED,
            "STARTED/RECLAIM", TestTaskStatus.STARTED,
            "STARTED/LEASE_EXHAUSTED", TestTaskStatus.FAILED,
            "STARTED/DONE", TestTaskStatus.COMPLETED,
            "STARTED/FAIL", TestTaskStatus.FAILED,
            "STARTED/REVOKE", TestTaskStatus.CANCELLED,
            "COMPLETED/REJECT", TestTaskStatus.FAILED,
            "FAILED/REJECT", TestTaskStatus.FAILED);
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UserId ALTS = new UserId(7);
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofHours(6), 2);

    static Stream<Arguments> everyStateAndEvent() {
        return Stream.of(TestTaskStatus.values())
                .flatMap(s -> Stream.of(WorkEvent.values()).map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void transitionTableIsExactlyTheLifeCycle(TestTaskStatus from, WorkEvent event) {
        TestTaskStatus expected = ALLOWED.get(from + "/" + event);
        Optional<TestTaskStatus> target = TestTask.LIFECYCLE.target(from, event);
        if (expected == null) {
            assertThat(target).isEmpty();
            assertThatThrownBy(() -> TestTask.LIFECYCLE.next(from, event))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("Test task")
                    .hasMessageContaining(from.name()).hasMessageContaining(event.name());
        } else {
            assertThat(target).contains(expected);
        }
    }

    @Test
    void codesAreUpstreams() {
        assertThat(Stream.of(TestTaskStatus.values()).map(TestTaskStatus::code)).containsExactly(1, 2, 3, 4, 5);
        assertThat(TestTaskStatus.ofCode(4)).isEqualTo(TestTaskStatus.FAILED);
    }

    private static TestTask created() {
        return TestTask.created(1, 2, 1, new TestedPackage("bash", null, "5.1", "1.el9"), "x86_64")
                .with(org.albs.domain.lease.WorkState.waiting(10, TestTaskStatus.CREATED));
    }

    @Test
    void aResultEndsAStartedTaskWithTheVerdictsStatusAndReason() {
        TestTask started = created().claim(ALTS, T0, TERMS).work();
        Change<TestTask> failed = started.report(ALTS, new TestVerdict(WorkEvent.FAIL, "failed: tests/x"), null,
                T0.plusSeconds(5));
        assertThat(failed.work().status()).isEqualTo(TestTaskStatus.FAILED);
        assertThat(failed.work().state().error()).isEqualTo("failed: tests/x");
        assertThat(failed.work().state().finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(failed.entry().reason()).isNull();
        assertThatThrownBy(() -> failed.work().report(ALTS, new TestVerdict(WorkEvent.DONE, null), null, T0))
                .isInstanceOf(NotHeldException.class).hasMessageContaining("already finished");
    }

    @Test
    void aResultAfterATakeOverIsAcceptedAndTheHistorySaysSo() {
        TestTask first = created().claim(ALTS, T0, TERMS).work();
        TestTask second = first.takeOver(ALTS, T0.plus(Duration.ofHours(7)), TERMS).work();
        assertThat(second.state().attempt()).isEqualTo(2);
        Change<TestTask> done = second.report(ALTS, new TestVerdict(WorkEvent.DONE, null), null,
                T0.plus(Duration.ofHours(8)));
        assertThat(done.work().status()).isEqualTo(TestTaskStatus.COMPLETED);
        assertThat(done.entry().reason()).contains("taken over").contains("earlier claim");
    }

    @Test
    void aResultFromAnotherAccountIsAcceptedWhileStartedAndNamed() {
        TestTask started = created().claim(ALTS, T0, TERMS).work();
        Change<TestTask> done = started.report(new UserId(8), new TestVerdict(WorkEvent.DONE, null), null, T0);
        assertThat(done.entry().reason()).contains("held by user");
        assertThat(done.entry().actor()).isEqualTo(new UserId(8));
    }

    @Test
    void aResultForATaskNeverHandedOutIsRefused() {
        assertThatThrownBy(() -> created().report(ALTS, new TestVerdict(WorkEvent.DONE, null), null, T0))
                .isInstanceOf(NotHeldException.class).hasMessageContaining("not handed out");
    }

    @Test
    void cancelEndsAWaitingTaskAndTheTestSystemsConfirmationAStartedOne() {
        assertThat(created().cancel(ALTS, T0).work().status()).isEqualTo(TestTaskStatus.CANCELLED);
        TestTask started = created().claim(ALTS, T0, TERMS).work();
        assertThatThrownBy(() -> started.cancel(ALTS, T0)).isInstanceOf(IllegalTransitionException.class);
        Change<TestTask> c = started.cancelledAtTestSystem(T0);
        assertThat(c.work().status()).isEqualTo(TestTaskStatus.CANCELLED);
        assertThat(c.entry().event()).isEqualTo(WorkEvent.REVOKE);
        assertThatThrownBy(() -> c.work().cancelledAtTestSystem(T0)).isInstanceOf(NotHeldException.class);
    }

    @Test
    void logsThatCannotBeImportedFailACompletedTask() {
        TestTask done = created().claim(ALTS, T0, TERMS).work()
                .report(ALTS, new TestVerdict(WorkEvent.DONE, null), null, T0).work();
        Change<TestTask> rejected = done.reject("Test logs could not be imported: 404", T0);
        assertThat(rejected.work().status()).isEqualTo(TestTaskStatus.FAILED);
        assertThat(rejected.work().state().error()).contains("404");
    }

    @Test
    void aCancellationJobListsItsTestsInIdOrderUntilDone() {
        org.albs.domain.artifacts.StoreJob job = org.albs.domain.artifacts.StoreJob.testCancellation(3,
                java.util.List.of(12L, 5L, 9L), T0);
        assertThat(job.kind()).isEqualTo(org.albs.domain.artifacts.StoreJobKind.CANCEL_TESTS);
        assertThat(job.cancellationsLeft()).containsExactly(5L, 9L, 12L);
        assertThat(job.done(org.albs.domain.artifacts.StoreJob.cancellationStep(9)).cancellationsLeft())
                .containsExactly(5L, 12L);
    }

    @Test
    void theLastLostLeaseFailsTheTaskWithTheReason() {
        TestTask t = created().claim(ALTS, T0, TERMS).work();
        t = t.takeOver(ALTS, T0.plus(Duration.ofHours(6)), TERMS).work();
        Change<TestTask> failed = t.takeOver(ALTS, T0.plus(Duration.ofHours(12)), TERMS);
        assertThat(failed.work().status()).isEqualTo(TestTaskStatus.FAILED);
        assertThat(failed.work().state().error()).contains("no test system reported a result");
    }
}
