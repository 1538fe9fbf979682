package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** Every state × every event: allowed ones land where the life cycle says, all others are refused. */
class TaskStateMachineTest {
    private static final Map<String, BuildTaskStatus> ALLOWED = Map.of(
            "IDLE/CLAIM", BuildTaskStatus.STARTED,
            "IDLE/CANCEL", BuildTaskStatus.CANCELLED,
            "IDLE/FAST_FAIL", BuildTaskStatus.FAILED,
            "STARTED/RECLAIM", BuildTaskStatus.STARTED,
            "STARTED/LEASE_EXHAUSTED", BuildTaskStatus.FAILED,
            "STARTED/DONE", BuildTaskStatus.COMPLETED,
            "STARTED/FAIL", BuildTaskStatus.FAILED,
            "STARTED/EXCLUDE", BuildTaskStatus.EXCLUDED,
            "FAILED/RESTART", BuildTaskStatus.IDLE);

    static Stream<Arguments> everyStateAndEvent() {
        return Stream.of(BuildTaskStatus.values())
                .flatMap(s -> Stream.of(TaskEvent.values()).map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void transitionTableIsExactlyTheLifeCycle(BuildTaskStatus from, TaskEvent event) {
        BuildTaskStatus expected = ALLOWED.get(from + "/" + event);
        Optional<BuildTaskStatus> target = TaskStateMachine.target(from, event);
        if (expected == null) {
            assertThat(target).isEmpty();
            assertThatThrownBy(() -> TaskStateMachine.next(from, event))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(from.name()).hasMessageContaining(event.name());
        } else {
            assertThat(target).contains(expected);
            assertThat(TaskStateMachine.next(from, event)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("everyStateAndEvent")
    void finishedStatesOnlyLeaveThroughRestart(BuildTaskStatus from, TaskEvent event) {
        if (from.isFinished() && event != TaskEvent.RESTART) {
            assertThat(TaskStateMachine.target(from, event)).isEmpty();
        }
    }
}
