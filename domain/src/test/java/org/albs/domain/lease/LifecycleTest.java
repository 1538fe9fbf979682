package org.albs.domain.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The lease rules every kind's table must keep, checked when the table is built. */
class LifecycleTest {

    private static Lifecycle<Job> table() {
        return Lifecycle.of("Job", "worker", Job.class);
    }

    @Test
    void aClaimMustTakeAWaitingItemToALeasedOne() {
        assertThatThrownBy(() -> table().allow(Job.QUEUED, WorkEvent.CLAIM, Job.DONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLAIM");
        assertThatThrownBy(() -> table().allow(Job.RUNNING, WorkEvent.CLAIM, Job.RUNNING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(table().allow(Job.QUEUED, WorkEvent.CLAIM, Job.RUNNING).next(Job.QUEUED, WorkEvent.CLAIM))
                .isEqualTo(Job.RUNNING);
    }

    @Test
    void outcomesEndLeasedItemsAndRestartsMakeEndedOnesWait() {
        assertThatThrownBy(() -> table().allow(Job.QUEUED, WorkEvent.DONE, Job.DONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table().allow(Job.RUNNING, WorkEvent.LEASE_EXHAUSTED, Job.QUEUED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table().allow(Job.RUNNING, WorkEvent.CANCEL, Job.DONE))
                .as("a user cancels waiting items; a running one runs to its end")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table().allow(Job.BROKEN, WorkEvent.RESTART, Job.RUNNING))
                .isInstanceOf(IllegalArgumentException.class);
        Lifecycle<Job> ok = table().allow(Job.RUNNING, WorkEvent.FAIL, Job.BROKEN)
                .allow(Job.BROKEN, WorkEvent.RESTART, Job.QUEUED);
        assertThat(ok.next(Job.BROKEN, WorkEvent.RESTART)).isEqualTo(Job.QUEUED);
    }

    @Test
    void aTransitionIsInTheTableOnce() {
        assertThatThrownBy(() -> table().allow(Job.RUNNING, WorkEvent.DONE, Job.DONE)
                .allow(Job.RUNNING, WorkEvent.DONE, Job.BROKEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anythingNotInTheTableIsAnIllegalTransitionNamingTheKind() {
        Lifecycle<Job> lifecycle = table().allow(Job.QUEUED, WorkEvent.CLAIM, Job.RUNNING);
        assertThatThrownBy(() -> lifecycle.next(Job.DONE, WorkEvent.CLAIM))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Job in state DONE cannot take event CLAIM");
        assertThat(lifecycle.statuses(LeasePhase.ENDED)).containsExactly(Job.DONE, Job.BROKEN);
    }
}
