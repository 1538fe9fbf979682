package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.albs.domain.lease.IllegalTransitionException;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state × every event: allowed ones land where the life cycle says, all others are refused. */
class BuildTaskLifecycleTest {
    private static final Map<String, BuildTaskStatus> ALLOWED = Map.ofEntries(Map.entry("COMPLETED/REJECT",
            BuildTaskStatus.FAILED), Map.entry("FAILED/RESTART", BuildTaskStatus.IDLE));
    private static final Map<String, BuildTaskStatus> LEASE_AND_USER = Map.of(
            "IDLE/CLAIM", BuildTaskStatus.STARTED,
            "IDLE/CANCEL", BuildTaskStatus.CANCELLED,
            "IDLE/FAST_FAIL", BuildTaskStatus.FAILED,
            "STARTED/RECLAIM", BuildTaskStatus.STARTED,
            "STARTED/LEASE_EXHAUSTED", BuildTaskStatus.FAILED,
            "STARTED/DONE", BuildTaskStatus.COMPLETED,
            "STARTED/FAIL", BuildTaskStatus.FAILED,
            "STARTED/EXCLUDE", BuildTaskStatus.EXCLUDED);

    static Stream<Arguments> everyStateAndEvent() {
        return Stream.of(BuildTaskStatus.values())
                .flatMap(s -> Stream.of(WorkEvent.values()).map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void transitionTableIsExactlyTheLifeCycle(BuildTaskStatus from, WorkEvent event) {
        BuildTaskStatus expected = ALLOWED.getOrDefault(from + "/" + event, LEASE_AND_USER.get(from + "/" + event));
        Optional<BuildTaskStatus> target = BuildTask.LIFECYCLE.target(from, event);
        if (expected == null) {
            assertThat(target).isEmpty();
            assertThatThrownBy(() -> BuildTask.LIFECYCLE.next(from, event))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("Build task")
                    .hasMessageContaining(from.name()).hasMessageContaining(event.name());
        } else {
            assertThat(target).contains(expected);
            assertThat(BuildTask.LIFECYCLE.next(from, event)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("everyStateAndEvent")
    void finishedStatesOnlyLeaveThroughRestart(BuildTaskStatus from, WorkEvent event) {
        if (from.isFinished() && event != WorkEvent.RESTART && !(from == BuildTaskStatus.COMPLETED
                && event == WorkEvent.REJECT)) {
            assertThat(BuildTask.LIFECYCLE.target(from, event)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("everyStateAndEvent")
    void theStatusCodesAreUpstreamsAndEachHasOnePhase(BuildTaskStatus status, WorkEvent ignored) {
        assertThat(BuildTaskStatus.ofCode(status.code())).isEqualTo(status);
        assertThat(status.phase()).isEqualTo(switch (status) {
            case IDLE -> LeasePhase.WAITING;
            case STARTED -> LeasePhase.LEASED;
            default -> LeasePhase.ENDED;
        });
    }
}
