package org.albs.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.albs.domain.ConflictException;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every status × every event: exactly the table, nothing else; and the aggregate's methods follow it. */
class ReleaseLifecycleTest {
    private static final Map<String, ReleaseStatus> TABLE = Map.of(
            "SCHEDULED/EDIT", ReleaseStatus.SCHEDULED,
            "SCHEDULED/COMMIT", ReleaseStatus.IN_PROGRESS,
            "SCHEDULED/DELETE", ReleaseStatus.SCHEDULED,
            "FAILED/EDIT", ReleaseStatus.FAILED,
            "FAILED/COMMIT", ReleaseStatus.IN_PROGRESS,
            "COMPLETED/REVERT", ReleaseStatus.IN_PROGRESS,
            "IN_PROGRESS/COMMIT_DONE", ReleaseStatus.COMPLETED,
            "IN_PROGRESS/REVERT_DONE", ReleaseStatus.REVERTED,
            "IN_PROGRESS/JOB_FAILED", ReleaseStatus.FAILED);

    static Stream<Arguments> everyStatusAndEvent() {
        return Stream.of(ReleaseStatus.values())
                .flatMap(s -> Stream.of(ReleaseEvent.values()).map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStatusAndEvent")
    void theTableAndNothingElse(ReleaseStatus from, ReleaseEvent event) {
        ReleaseStatus expected = TABLE.get(from + "/" + event);
        if (expected != null) {
            assertThat(ReleaseLifecycle.next(7, from, event)).isEqualTo(expected);
        } else {
            assertThat(ReleaseLifecycle.target(from, event)).isEmpty();
            assertThatThrownBy(() -> ReleaseLifecycle.next(7, from, event))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageStartingWith("Release 7 is " + from.label() + ": it cannot be " + event.verb());
        }
    }

    @Test
    void upstreamsNumbers() {
        assertThat(Stream.of(ReleaseStatus.values()).map(ReleaseStatus::code)).containsExactly(1, 2, 3, 4, 5);
        assertThat(ReleaseStatus.ofCode(3)).contains(ReleaseStatus.COMPLETED);
        assertThat(ReleaseStatus.ofCode(6)).isEmpty();
    }

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Release scheduled() {
        return Release.scheduled(List.of(1L), List.of(), 3, null, null,
                new ReleasePlan(List.of(), List.of(), Map.of(), null), new UserId(5), T0).withId(9);
    }

    @Test
    void aCommitRunsThenCompletesOnceAndCannotBeCommittedAgain() {
        Release running = scheduled().commit(T0.plusSeconds(1));
        assertThat(running.status()).isEqualTo(ReleaseStatus.IN_PROGRESS);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThatThrownBy(() -> running.commit(T0)).isInstanceOf(ConflictException.class)
                .hasMessage("Release 9 is in progress: it cannot be committed (only a scheduled or failed release can)");
        assertThatThrownBy(() -> running.edit(List.of(2L), List.of(), running.plan()))
                .isInstanceOf(ConflictException.class);
        Release done = running.ended(ReleaseEvent.COMMIT_DONE, "Successfully committed release", T0.plusSeconds(2));
        assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
        assertThat(done.plan().lastLog()).isEqualTo("Successfully committed release");
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThatThrownBy(() -> done.commit(T0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(done::requireDeletable).isInstanceOf(ConflictException.class);
        Release reverting = done.revert(T0.plusSeconds(3));
        assertThat(reverting.ended(ReleaseEvent.REVERT_DONE, "Successfully reverted release", T0).status())
                .isEqualTo(ReleaseStatus.REVERTED);
    }

    @Test
    void aFailedReleaseCanBeEditedAndCommittedAgain() {
        Release failed = scheduled().commit(T0).ended(ReleaseEvent.JOB_FAILED, "Cannot commit release: x", T0);
        assertThat(failed.status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(failed.edit(List.of(2L), List.of(), failed.plan()).status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(failed.commit(T0).status()).isEqualTo(ReleaseStatus.IN_PROGRESS);
    }

    @Test
    void onlyAJobsOutcomeEndsARelease() {
        Release running = scheduled().commit(T0);
        assertThatThrownBy(() -> running.ended(ReleaseEvent.EDIT, "x", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
