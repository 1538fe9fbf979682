package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.Test;

class BuildTaskTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final DispatchPolicy POLICY = new DispatchPolicy(Duration.ofMinutes(20), 3);
    static final UserId NODE_A = new UserId(10);
    static final UserId NODE_B = new UserId(11);

    static BuildTask idle() {
        return new BuildTask(1, 2, 3, 4, new UserId(1), 0, "x86_64", BuildTaskStatus.IDLE, null, 0, null, null,
                null, null);
    }

    @Test
    void claimStartsTheTaskWithALeaseAndCountsTheAttempt() {
        BuildTask.Change c = idle().claim(NODE_A, T0, POLICY);
        assertThat(c.task().status()).isEqualTo(BuildTaskStatus.STARTED);
        assertThat(c.task().lease()).isEqualTo(new Lease(NODE_A, T0.plus(Duration.ofMinutes(20))));
        assertThat(c.task().attempt()).isEqualTo(1);
        assertThat(c.task().startedAt()).isEqualTo(T0);
        assertThat(c.entry().event()).isEqualTo(TaskEvent.CLAIM);
        assertThat(c.entry().node()).isEqualTo(NODE_A);
    }

    @Test
    void aLiveLeaseCannotBeTakenOver() {
        BuildTask started = idle().claim(NODE_A, T0, POLICY).task();
        assertThatThrownBy(() -> started.takeOverExpired(NODE_B, T0.plusSeconds(60), POLICY))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anExpiredLeaseGoesToTheNextNodeWithTheReasonRecorded() {
        BuildTask started = idle().claim(NODE_A, T0, POLICY).task();
        Instant later = T0.plus(Duration.ofMinutes(21));
        BuildTask.Change c = started.takeOverExpired(NODE_B, later, POLICY);
        assertThat(c.task().status()).isEqualTo(BuildTaskStatus.STARTED);
        assertThat(c.task().lease().holder()).isEqualTo(NODE_B);
        assertThat(c.task().attempt()).isEqualTo(2);
        assertThat(c.entry().event()).isEqualTo(TaskEvent.RECLAIM);
        assertThat(c.entry().reason()).contains("lease of user 10 expired").contains("attempt 1 of 3");
    }

    @Test
    void theLastExpiredLeaseFailsTheTask() {
        BuildTask t = idle().claim(NODE_A, T0, POLICY).task();
        Instant now = T0;
        for (int i = 0; i < 2; i++) {
            now = now.plus(Duration.ofMinutes(21));
            t = t.takeOverExpired(NODE_B, now, POLICY).task();
        }
        assertThat(t.attempt()).isEqualTo(3);
        BuildTask.Change c = t.takeOverExpired(NODE_A, now.plus(Duration.ofMinutes(21)), POLICY);
        assertThat(c.task().status()).isEqualTo(BuildTaskStatus.FAILED);
        assertThat(c.task().error()).contains("expired").contains("attempt 3 of 3");
        assertThat(c.entry().event()).isEqualTo(TaskEvent.LEASE_EXHAUSTED);
        assertThat(c.task().finishedAt()).isNotNull();
    }

    @Test
    void expireFinallyRefusesALiveLeaseOrAttemptsLeft() {
        BuildTask started = idle().claim(NODE_A, T0, POLICY).task();
        assertThatThrownBy(() -> started.expireFinally(T0.plusSeconds(1), POLICY))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> started.expireFinally(T0.plus(Duration.ofHours(1)), POLICY))
                .isInstanceOf(IllegalTransitionException.class);
        DispatchPolicy once = new DispatchPolicy(Duration.ofMinutes(20), 1);
        assertThat(started.expireFinally(T0.plus(Duration.ofHours(1)), once).task().status())
                .isEqualTo(BuildTaskStatus.FAILED);
    }

    @Test
    void theHolderFinishesItsTask() {
        BuildTask started = idle().claim(NODE_A, T0, POLICY).task();
        Instant nodeStart = T0.plusSeconds(5);
        BuildTask.Change c = started.finish(NODE_A, NodeOutcome.EXCLUDED, nodeStart, T0.plusSeconds(60));
        assertThat(c.task().status()).isEqualTo(BuildTaskStatus.EXCLUDED);
        assertThat(c.task().startedAt()).isEqualTo(nodeStart);
        assertThat(c.task().finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(c.entry().event()).isEqualTo(TaskEvent.EXCLUDE);
    }

    @Test
    void aLateHolderWhoseTaskNobodyTookIsStillAccepted() {
        BuildTask started = idle().claim(NODE_A, T0, POLICY).task();
        assertThat(started.finish(NODE_A, NodeOutcome.DONE, null, T0.plus(Duration.ofHours(2))).task().status())
                .isEqualTo(BuildTaskStatus.COMPLETED);
    }

    @Test
    void reportsFromAnotherNodeOrForFinishedTasksAreConflicts() {
        BuildTask started = idle().claim(NODE_A, T0, POLICY).task();
        BuildTask takenOver = started.takeOverExpired(NODE_B, T0.plus(Duration.ofMinutes(21)), POLICY).task();
        assertThatThrownBy(() -> takenOver.finish(NODE_A, NodeOutcome.DONE, null, T0.plus(Duration.ofMinutes(22))))
                .isInstanceOf(TaskAlreadyFinishedException.class).hasMessageContaining("another build node");
        BuildTask done = takenOver.finish(NODE_B, NodeOutcome.DONE, null, T0.plus(Duration.ofMinutes(23))).task();
        assertThatThrownBy(() -> done.finish(NODE_B, NodeOutcome.DONE, null, T0.plus(Duration.ofMinutes(24))))
                .isInstanceOf(TaskAlreadyFinishedException.class).hasMessageContaining("already finished");
        assertThatThrownBy(() -> idle().finish(NODE_A, NodeOutcome.DONE, null, T0))
                .isInstanceOf(TaskAlreadyFinishedException.class);
    }

    @Test
    void cancelFastFailAndRestart() {
        assertThat(idle().cancel(NODE_A, T0).task().status()).isEqualTo(BuildTaskStatus.CANCELLED);
        assertThat(idle().cancel(NODE_A, T0).task().error()).isEqualTo("Build task cancelled by user");
        BuildTask failed = idle().fastFail("src", T0).task();
        assertThat(failed.status()).isEqualTo(BuildTaskStatus.FAILED);
        assertThat(failed.error()).startsWith("Fast failed: SRPM build failed in the initial architecture (src).");
        BuildTask restarted = failed.restart(NODE_A, true, T0).task();
        assertThat(restarted.status()).isEqualTo(BuildTaskStatus.IDLE);
        assertThat(restarted.attempt()).isZero();
        assertThat(restarted.error()).isNull();
        assertThatThrownBy(() -> idle().claim(NODE_A, T0, POLICY).task().cancel(NODE_A, T0))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
