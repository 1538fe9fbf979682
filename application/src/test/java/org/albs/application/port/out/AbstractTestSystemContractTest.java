package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What every {@link TestSystem} does: the in-memory one and the ALTS adapter (against a fake ALTS) run these. */
public abstract class AbstractTestSystemContractTest {
    protected abstract TestSystem system();

    /** The test system confirms every cancellation from now on. */
    protected abstract void accepting();

    /** The test system does not answer from now on. */
    protected abstract void down();

    /** The test task ids of each cancellation the test system confirmed, in order. */
    protected abstract List<List<Long>> confirmed();

    @Test
    void aCancellationReachesTheTestSystemWithItsIds() {
        accepting();
        system().cancel(List.of(7L, 9L));
        assertThat(confirmed()).containsExactly(List.of(7L, 9L));
    }

    @Test
    void aTestSystemThatDoesNotAnswerIsATransientFailure() {
        down();
        assertThatThrownBy(() -> system().cancel(List.of(3L))).isInstanceOf(TestSystemException.class)
                .matches(e -> ((TestSystemException) e).isTransient());
    }
}
