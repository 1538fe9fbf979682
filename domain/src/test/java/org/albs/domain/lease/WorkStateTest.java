package org.albs.domain.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.Test;

/** The lease rules, on a kind of work that is not a build task: they are the same for every kind. */
class WorkStateTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(10), 2);
    static final UserId A = new UserId(10);
    static final UserId B = new UserId(11);
    static final Instant EXPIRED = T0.plus(Duration.ofMinutes(10));

    static WorkState<Job> queued() {
        return WorkState.waiting(7, Job.QUEUED);
    }

    static WorkState<Job> claimedByA() {
        return queued().claim(Job.LIFECYCLE, A, T0, TERMS).state();
    }

    @Test
    void aClaimGrantsALeaseCountsTheAttemptAndStartsClean() {
        WorkState<Job> failedOnce = new WorkState<>(7, Job.QUEUED, null, 0, "old error", T0.minusSeconds(99),
                T0.minusSeconds(9));
        WorkState.Transition<Job> t = failedOnce.claim(Job.LIFECYCLE, A, T0, TERMS);

        assertThat(t.state()).isEqualTo(new WorkState<>(7, Job.RUNNING, new Lease(A, T0, EXPIRED), 1, null, T0, null));
        assertThat(t.entry()).isEqualTo(new HistoryEntry(7, T0, WorkEvent.CLAIM, Job.RUNNING, A, 1, null));
    }

    @Test
    void aLeaseExpiresAtItsExpiryInstantNotBefore() {
        assertThat(claimedByA().lease().expiredAt(EXPIRED.minusMillis(1))).isFalse();
        assertThat(claimedByA().lease().expiredAt(EXPIRED)).isTrue();
        assertThatThrownBy(() -> claimedByA().takeOver(Job.LIFECYCLE, B, EXPIRED.minusMillis(1), TERMS))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("RECLAIM");
    }

    @Test
    void anExpiredLeaseWithAttemptsLeftIsTakenOverWithTheReason() {
        WorkState.Transition<Job> t = claimedByA().takeOver(Job.LIFECYCLE, B, EXPIRED, TERMS);

        assertThat(t.state().status()).isEqualTo(Job.RUNNING);
        assertThat(t.state().lease()).isEqualTo(new Lease(B, EXPIRED, EXPIRED.plus(TERMS.duration())));
        assertThat(t.state().attempt()).isEqualTo(2);
        assertThat(t.state().startedAt()).isEqualTo(EXPIRED);
        assertThat(t.entry().event()).isEqualTo(WorkEvent.RECLAIM);
        assertThat(t.entry().actor()).isEqualTo(B);
        assertThat(t.entry().reason()).isEqualTo("lease of user 10 expired at " + EXPIRED + " (attempt 1 of 2)");
    }

    @Test
    void theLastExpiredLeaseEndsTheItemWhoeverFindsIt() {
        WorkState<Job> second = claimedByA().takeOver(Job.LIFECYCLE, B, EXPIRED, TERMS).state();
        Instant later = EXPIRED.plus(TERMS.duration());

        WorkState.Transition<Job> byClaimant = second.takeOver(Job.LIFECYCLE, A, later, TERMS);
        WorkState.Transition<Job> bySweeper = second.exhaust(Job.LIFECYCLE, later, TERMS);

        assertThat(byClaimant).isEqualTo(bySweeper);
        assertThat(bySweeper.state().status()).isEqualTo(Job.BROKEN);
        assertThat(bySweeper.state().lease()).as("the last holder stays on record").isEqualTo(second.lease());
        assertThat(bySweeper.state().attempt()).isEqualTo(2);
        assertThat(bySweeper.state().finishedAt()).isEqualTo(later);
        assertThat(bySweeper.state().error()).isEqualTo("Job failed: the lease of user 11 expired at " + later
                + " on attempt 2 of 2; no worker reported a result");
        assertThat(bySweeper.entry()).isEqualTo(new HistoryEntry(7, later, WorkEvent.LEASE_EXHAUSTED, Job.BROKEN, B,
                2, bySweeper.state().error()));
    }

    @Test
    void exhaustRefusesALiveLeaseAndAttemptsLeft() {
        assertThatThrownBy(() -> claimedByA().exhaust(Job.LIFECYCLE, EXPIRED.minusMillis(1),
                new LeaseTerms(TERMS.duration(), 1))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> claimedByA().exhaust(Job.LIFECYCLE, EXPIRED, TERMS))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("LEASE_EXHAUSTED");
        assertThatThrownBy(() -> queued().exhaust(Job.LIFECYCLE, EXPIRED, TERMS))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void onlyTheHolderRenewsEvenAfterItsLeaseExpiredIfNobodyTookIt() {
        Instant late = EXPIRED.plusSeconds(30);
        assertThat(claimedByA().renew(Job.LIFECYCLE, A, late, TERMS).lease())
                .isEqualTo(new Lease(A, late, late.plus(TERMS.duration())));
        assertThatThrownBy(() -> claimedByA().renew(Job.LIFECYCLE, B, late, TERMS))
                .isInstanceOf(NotHeldException.class).hasMessage("Job 7 is held by another worker now");
        assertThatThrownBy(() -> queued().renew(Job.LIFECYCLE, A, late, TERMS))
                .isInstanceOf(NotHeldException.class).hasMessage("Job 7 was not handed out, state QUEUED");
    }

    @Test
    void onlyTheHolderFinishesAndAFinishedItemStaysFinished() {
        WorkState<Job> takenOver = claimedByA().takeOver(Job.LIFECYCLE, B, EXPIRED, TERMS).state();
        assertThatThrownBy(() -> takenOver.finish(Job.LIFECYCLE, A, WorkEvent.DONE, null, EXPIRED))
                .isInstanceOf(NotHeldException.class).hasMessageContaining("held by another worker");

        Instant end = EXPIRED.plus(Duration.ofHours(3));
        WorkState.Transition<Job> done = takenOver.finish(Job.LIFECYCLE, B, WorkEvent.DONE, null, end);
        assertThat(done.state()).isEqualTo(new WorkState<>(7, Job.DONE, takenOver.lease(), 2, null, EXPIRED, end));
        assertThat(done.entry()).isEqualTo(new HistoryEntry(7, end, WorkEvent.DONE, Job.DONE, B, 2, null));
        assertThatThrownBy(() -> done.state().finish(Job.LIFECYCLE, B, WorkEvent.DONE, null, end))
                .isInstanceOf(NotHeldException.class).hasMessage("Job 7 is already finished (DONE)");
    }

    @Test
    void theHoldersOwnStartTimeIsKeptWhenItGivesOne() {
        Instant own = T0.plusSeconds(3);
        assertThat(claimedByA().finish(Job.LIFECYCLE, A, WorkEvent.FAIL, own, EXPIRED).state().startedAt())
                .isEqualTo(own);
    }

    @Test
    void anOutcomeTheKindDoesNotKnowIsAnIllegalTransition() {
        assertThatThrownBy(() -> claimedByA().finish(Job.LIFECYCLE, A, WorkEvent.EXCLUDE, null, EXPIRED))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aWaitingItemEndsWithoutALeaseAndARestartForgetsItsLastRun() {
        WorkState.Transition<Job> cancelled = queued().endWaiting(Job.LIFECYCLE, WorkEvent.CANCEL, A, "not needed",
                T0);
        assertThat(cancelled.state()).isEqualTo(new WorkState<>(7, Job.BROKEN, null, 0, "not needed", null, T0));
        assertThat(cancelled.entry().reason()).isEqualTo("not needed");

        WorkState<Job> exhausted = claimedByA().exhaust(Job.LIFECYCLE, EXPIRED, new LeaseTerms(TERMS.duration(), 1))
                .state();
        WorkState.Transition<Job> restarted = exhausted.restart(Job.LIFECYCLE, B, EXPIRED);
        assertThat(restarted.state()).isEqualTo(WorkState.waiting(7, Job.QUEUED));
        assertThat(restarted.entry()).isEqualTo(new HistoryEntry(7, EXPIRED, WorkEvent.RESTART, Job.QUEUED, B, 0,
                null));
    }

    @Test
    void aLeasedItemAlwaysHasALease() {
        assertThatThrownBy(() -> new WorkState<>(1, Job.RUNNING, null, 1, null, T0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
