package org.albs.domain.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.albs.domain.lease.IllegalTransitionException;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state × every event, for sign tasks and key-generation tasks: exactly the table, nothing else. */
class SignTaskLifecycleTest {
    private static final Map<String, SignTaskStatus> TABLE = Map.of(
            "IDLE/CLAIM", SignTaskStatus.IN_PROGRESS,
            "IN_PROGRESS/RECLAIM", SignTaskStatus.IN_PROGRESS,
            "IN_PROGRESS/LEASE_EXHAUSTED", SignTaskStatus.FAILED,
            "IN_PROGRESS/DONE", SignTaskStatus.COMPLETED,
            "IN_PROGRESS/FAIL", SignTaskStatus.FAILED);

    static Stream<Arguments> everyStateAndEvent() {
        return Stream.of(SignTask.LIFECYCLE, GenKeyTask.LIFECYCLE).flatMap(l -> Stream.of(SignTaskStatus.values())
                .flatMap(s -> Stream.of(WorkEvent.values()).map(e -> Arguments.of(l, s, e))));
    }

    @ParameterizedTest(name = "{0} {1} + {2}")
    @MethodSource("everyStateAndEvent")
    void transitionTableIsExactlyTheLifeCycle(Lifecycle<SignTaskStatus> lifecycle, SignTaskStatus from,
                                              WorkEvent event) {
        SignTaskStatus expected = TABLE.get(from + "/" + event);
        Optional<SignTaskStatus> target = lifecycle.target(from, event);
        if (expected == null) {
            assertThat(target).isEmpty();
            assertThatThrownBy(() -> lifecycle.next(from, event)).isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(lifecycle.kind()).hasMessageContaining(from.name())
                    .hasMessageContaining(event.name());
        } else {
            assertThat(target).contains(expected);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyStateAndEvent")
    void theCodesAreUpstreamsAndEachHasOnePhase(Lifecycle<SignTaskStatus> ignored, SignTaskStatus status,
                                               WorkEvent alsoIgnored) {
        assertThat(SignTaskStatus.ofCode(status.code())).isEqualTo(status);
        assertThat(status.code()).isEqualTo(status.ordinal() + 1);
        assertThat(status.phase()).isEqualTo(switch (status) {
            case IDLE -> LeasePhase.WAITING;
            case IN_PROGRESS -> LeasePhase.LEASED;
            default -> LeasePhase.ENDED;
        });
    }
}
