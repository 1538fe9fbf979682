package org.albs.domain.lease;

import java.time.Instant;

import org.albs.domain.identity.UserId;

/**
 * An item of one kind of leased work: its shared {@link WorkState} plus what is its own. The lease rules are the
 * state's; this interface applies them to the whole item, so every kind gets them in the same words and a generic
 * queue can claim, take over, exhaust and renew any kind.
 *
 * @param <W> the kind's item type
 * @param <S> the kind's status enum
 */
public interface Leased<W extends Leased<W, S>, S extends Enum<S> & WorkStatus> {
    WorkState<S> state();

    /** This item with another shared state and everything of its own unchanged. */
    W with(WorkState<S> state);

    Lifecycle<S> lifecycle();

    default long id() {
        return state().id();
    }

    default Change<W> claim(UserId holder, Instant now, LeaseTerms terms) {
        return apply(state().claim(lifecycle(), holder, now, terms));
    }

    /** Reclaim with one more attempt, or fail when every attempt is spent (see {@link WorkState#takeOver}). */
    default Change<W> takeOver(UserId holder, Instant now, LeaseTerms terms) {
        return apply(state().takeOver(lifecycle(), holder, now, terms));
    }

    default Change<W> exhaust(Instant now, LeaseTerms terms) {
        return apply(state().exhaust(lifecycle(), now, terms));
    }

    default W renew(UserId holder, Instant now, LeaseTerms terms) {
        return with(state().renew(lifecycle(), holder, now, terms));
    }

    default Change<W> apply(WorkState.Transition<S> transition) {
        return new Change<>(with(transition.state()), transition.entry());
    }
}
