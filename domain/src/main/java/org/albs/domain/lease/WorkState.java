package org.albs.domain.lease;

import java.time.Instant;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/**
 * What every item of leased work has, whatever its kind: its id, its status in the kind's life cycle, the lease (the
 * current or last holder), how many times it was claimed, when the current attempt started and when it ended, and
 * why it failed. Immutable: each rule of the lease queue is one method here, which checks the kind's
 * {@link Lifecycle} and returns the new state with the history entry that explains it. What a change resets is
 * decided here and only here; stores write the result as it is.
 *
 * @param <S> the kind's status enum
 */
public record WorkState<S extends Enum<S> & WorkStatus>(long id, S status, Lease lease, int attempt, String error,
                                                       Instant startedAt, Instant finishedAt) {
    public WorkState {
        Objects.requireNonNull(status, "status");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative");
        }
        if (status.phase() == LeasePhase.LEASED && lease == null) {
            throw new IllegalArgumentException("a leased item has a lease");
        }
    }

    /** A new item, waiting for its first claim. */
    public static <S extends Enum<S> & WorkStatus> WorkState<S> waiting(long id, S status) {
        return new WorkState<>(id, status, null, 0, null, null, null);
    }

    public LeasePhase phase() {
        return status.phase();
    }

    /** The state after a transition, with the history entry that explains it. */
    public record Transition<S extends Enum<S> & WorkStatus>(WorkState<S> state, HistoryEntry entry) {
    }

    /** A claimant takes a waiting item: a fresh lease, one more attempt, a clean start. */
    public Transition<S> claim(Lifecycle<S> lifecycle, UserId holder, Instant now, LeaseTerms terms) {
        S next = lifecycle.next(status, WorkEvent.CLAIM);
        return step(new WorkState<>(id, next, terms.grant(holder, now), attempt + 1, null, now, null),
                WorkEvent.CLAIM, holder, null, now);
    }

    /**
     * A claimant finds this item's lease expired: it takes the item over with one more attempt, or, when every
     * attempt is spent, the item fails ({@link #exhaust}).
     */
    public Transition<S> takeOver(Lifecycle<S> lifecycle, UserId holder, Instant now, LeaseTerms terms) {
        if (phase() != LeasePhase.LEASED || !lease.expiredAt(now)) {
            throw new IllegalTransitionException(lifecycle.kind(), status, WorkEvent.RECLAIM);
        }
        if (!terms.attemptsLeft(attempt)) {
            return exhaust(lifecycle, now, terms);
        }
        S next = lifecycle.next(status, WorkEvent.RECLAIM);
        String reason = "lease of user " + lease.holder() + " expired at " + lease.expiresAt() + " (attempt "
                + attempt + " of " + terms.maxAttempts() + ")";
        return step(new WorkState<>(id, next, terms.grant(holder, now), attempt + 1, null, now, null),
                WorkEvent.RECLAIM, holder, reason, now);
    }

    /** The lease ran out on the last allowed attempt: the item fails with the reason in {@code error}. */
    public Transition<S> exhaust(Lifecycle<S> lifecycle, Instant now, LeaseTerms terms) {
        if (phase() != LeasePhase.LEASED || !lease.expiredAt(now) || terms.attemptsLeft(attempt)) {
            throw new IllegalTransitionException(lifecycle.kind(), status, WorkEvent.LEASE_EXHAUSTED);
        }
        S next = lifecycle.next(status, WorkEvent.LEASE_EXHAUSTED);
        String reason = lifecycle.kind() + " failed: the lease of user " + lease.holder() + " expired at "
                + lease.expiresAt() + " on attempt " + attempt + " of " + terms.maxAttempts() + "; no "
                + lifecycle.holderNoun() + " reported a result" + (error == null ? "" : "; last error: " + error);
        return step(new WorkState<>(id, next, lease, attempt, reason, startedAt, now),
                WorkEvent.LEASE_EXHAUSTED, lease.holder(), reason, now);
    }

    /** Whether {@code who} holds this item now (it is leased, and the lease is theirs, expired or not). */
    public boolean heldBy(UserId who) {
        return phase() == LeasePhase.LEASED && lease.heldBy(who);
    }

    /**
     * The holder pushes its lease forward. Refused for anybody else. A holder whose lease expired but whose item
     * nobody took over may still renew: it is still working on it.
     */
    public WorkState<S> renew(Lifecycle<S> lifecycle, UserId holder, Instant now, LeaseTerms terms) {
        requireHeldBy(lifecycle, holder);
        return new WorkState<>(id, status, terms.grant(holder, now), attempt, error, startedAt, finishedAt);
    }

    /**
     * The holder reports an outcome ({@code DONE}, {@code FAIL}, ...), which ends the item. Rejected, changing
     * nothing, when the item has ended, was never handed out, or is held by another claimant now. A holder whose
     * lease expired but whose item nobody took over is still accepted: the work is done.
     *
     * @param startedByHolder when the holder says it started, if it says so
     */
    public Transition<S> finish(Lifecycle<S> lifecycle, UserId holder, WorkEvent outcome, Instant startedByHolder,
                                Instant now) {
        requireHeldBy(lifecycle, holder);
        S next = lifecycle.next(status, outcome);
        return step(new WorkState<>(id, next, lease, attempt, null,
                startedByHolder != null ? startedByHolder : startedAt, now), outcome, holder, null, now);
    }

    /**
     * A result for a leased item from whoever did the work ({@code reporter}), which ends it: unlike
     * {@link #finish}, the reporter need not hold the current lease. A claimant whose lease expired and was taken
     * over (by the same claimant polling again, or another) still did the work, so its result counts while the item
     * has not ended; the history entry says the result may come from an earlier claim. Refused, changing nothing,
     * when the item has ended or was never handed out.
     *
     * @param startedByReporter when the reporter says it started, if it says so
     */
    public Transition<S> accept(Lifecycle<S> lifecycle, UserId reporter, WorkEvent outcome,
                                Instant startedByReporter, Instant now) {
        requireLeased(lifecycle);
        S next = lifecycle.next(status, outcome);
        String note = null;
        if (attempt > 1 || !lease.heldBy(reporter)) {
            note = "result accepted on attempt " + attempt + (lease.heldBy(reporter) ? "" : " held by user "
                    + lease.holder()) + (attempt > 1 ? "; the lease was taken over after expiring, so the result"
                    + " may be of an earlier claim" : "");
        }
        return step(new WorkState<>(id, next, lease, attempt, null,
                startedByReporter != null ? startedByReporter : startedAt, now), outcome, reporter, note, now);
    }

    /**
     * A leased item is called off ({@code REVOKE}): its holder confirmed it stopped the work a user cancelled. The
     * reason goes to {@code error} and the history.
     */
    public Transition<S> revoke(Lifecycle<S> lifecycle, UserId actor, String reason, Instant now) {
        requireLeased(lifecycle);
        S next = lifecycle.next(status, WorkEvent.REVOKE);
        return step(new WorkState<>(id, next, lease, attempt, reason, startedAt, now), WorkEvent.REVOKE, actor,
                reason, now);
    }

    /**
     * The holder backs off after a passing failure: it keeps the item, whose lease now runs out at {@code retryAt},
     * when the next claim takes it over (or, on the last attempt, the sweeper fails it, {@code error} telling why).
     */
    public Transition<S> backOff(Lifecycle<S> lifecycle, UserId holder, String reason, Instant retryAt, Instant now) {
        requireHeldBy(lifecycle, holder);
        S next = lifecycle.next(status, WorkEvent.BACK_OFF);
        return step(new WorkState<>(id, next, new Lease(holder, now, retryAt), attempt, reason, startedAt, null),
                WorkEvent.BACK_OFF, holder, reason, now);
    }

    /** What the item's holder reported turned out wrong: the ended item takes another ended status, with the reason. */
    public Transition<S> reject(Lifecycle<S> lifecycle, String reason, Instant now) {
        S next = lifecycle.next(status, WorkEvent.REJECT);
        return step(new WorkState<>(id, next, lease, attempt, reason, startedAt, finishedAt), WorkEvent.REJECT, null,
                reason, now);
    }

    /** A waiting item ends without being worked on ({@code CANCEL}, {@code FAST_FAIL}), with the reason. */
    public Transition<S> endWaiting(Lifecycle<S> lifecycle, WorkEvent event, UserId actor, String reason,
                                    Instant now) {
        S next = lifecycle.next(status, event);
        return step(new WorkState<>(id, next, null, attempt, reason, startedAt, now), event, actor, reason, now);
    }

    /** An ended item waits again, with no lease, a fresh attempt budget and nothing of its last run. */
    public Transition<S> restart(Lifecycle<S> lifecycle, UserId actor, Instant now) {
        S next = lifecycle.next(status, WorkEvent.RESTART);
        return step(new WorkState<>(id, next, null, 0, null, null, null), WorkEvent.RESTART, actor, null, now);
    }

    /** The same state with another lease (a store writing a renewal it was given). */
    public WorkState<S> withLease(Lease renewed) {
        return new WorkState<>(id, status, renewed, attempt, error, startedAt, finishedAt);
    }

    private void requireLeased(Lifecycle<S> lifecycle) {
        String item = lifecycle.kind() + " " + id;
        if (phase() == LeasePhase.ENDED) {
            throw new NotHeldException(item + " is already finished (" + status.name() + ")");
        }
        if (phase() != LeasePhase.LEASED) {
            throw new NotHeldException(item + " was not handed out, state " + status.name());
        }
    }

    private void requireHeldBy(Lifecycle<S> lifecycle, UserId holder) {
        String item = lifecycle.kind() + " " + id;
        requireLeased(lifecycle);
        if (!lease.heldBy(holder)) {
            throw new NotHeldException(item + " is held by another " + lifecycle.holderNoun() + " now");
        }
    }

    private Transition<S> step(WorkState<S> next, WorkEvent event, UserId actor, String reason, Instant at) {
        return new Transition<>(next, new HistoryEntry(id, at, event, next.status, actor, next.attempt, reason));
    }
}
