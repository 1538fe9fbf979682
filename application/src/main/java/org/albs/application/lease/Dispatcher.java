package org.albs.application.lease;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.application.port.out.LeaseQueue;
import org.albs.application.port.out.LeaseQueue.Offer;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.IllegalTransitionException;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.Leased;

/**
 * The flows of the lease queue, the same for every kind of leased work: claim (taking over expired leases, failing
 * those on their last attempt), renew by the holder, and the sweep of leases nobody comes back for. Every method
 * runs inside the caller's transaction; the caller owns what a kind does when an item ends (a build releases
 * dependants and counts its open tasks).
 */
public final class Dispatcher<W extends Leased<W, ?>, C, P> {
    /** Exhausted items failed per claim at most, so one claim never turns into a long sweep. */
    static final int MAX_EXHAUSTED_PER_CLAIM = 50;

    private final LeaseQueue<W, C, P> queue;
    private final LeaseTerms terms;

    public Dispatcher(LeaseQueue<W, C, P> queue, LeaseTerms terms) {
        this.queue = queue;
        this.terms = terms;
    }

    /**
     * What a claim did: the item it leased to the claimant with its payload, if any, and the items whose last lease
     * it found expired and failed on the way.
     */
    public record Claim<W, P>(Optional<Offer<W, P>> leased, List<Change<W>> ended) {
    }

    /**
     * Leases the claimant the first item it may take: a waiting one is claimed; an expired one is taken over, or,
     * on its last attempt, fails and the claimant gets the next candidate.
     */
    public Claim<W, P> claim(UserId claimant, C criteria, Instant now) {
        List<Change<W>> ended = new ArrayList<>();
        for (int i = 0; i < MAX_EXHAUSTED_PER_CLAIM; i++) {
            List<Offer<W, P>> offers = queue.lockClaimable(criteria, now, 1);
            if (offers.isEmpty()) {
                break;
            }
            Offer<W, P> offer = offers.get(0);
            W item = offer.work();
            Change<W> change = item.state().phase() == LeasePhase.WAITING ? item.claim(claimant, now, terms)
                    : item.takeOver(claimant, now, terms);
            queue.save(change);
            if (change.work().state().phase() == LeasePhase.LEASED) {
                return new Claim<>(Optional.of(new Offer<>(change.work(), offer.payload())), ended);
            }
            ended.add(change);
        }
        return new Claim<>(Optional.empty(), ended);
    }

    /** What a batch claim did: the items it leased with their payloads, and the items it failed on the way. */
    public record Batch<W, P>(List<Offer<W, P>> leased, List<Change<W>> ended) {
    }

    /**
     * Leases the claimant up to {@code limit} items at once, locked by one query (expired leases first, then waiting
     * items): each waiting one is claimed, each expired one taken over or, on its last attempt, failed (the claimant
     * then gets fewer). Every change is written in one exchange.
     */
    public Batch<W, P> claimBatch(UserId claimant, C criteria, Instant now, int limit) {
        List<Offer<W, P>> leased = new ArrayList<>();
        List<Change<W>> ended = new ArrayList<>();
        List<Change<W>> changes = new ArrayList<>();
        for (Offer<W, P> offer : queue.lockClaimable(criteria, now, limit)) {
            W item = offer.work();
            Change<W> change = item.state().phase() == LeasePhase.WAITING ? item.claim(claimant, now, terms)
                    : item.takeOver(claimant, now, terms);
            changes.add(change);
            if (change.work().state().phase() == LeasePhase.LEASED) {
                leased.add(new Offer<>(change.work(), offer.payload()));
            } else {
                ended.add(change);
            }
        }
        if (!changes.isEmpty()) {
            queue.saveAll(changes);
        }
        return new Batch<>(leased, ended);
    }

    /** Renews the holder's leases among these items; others are left alone. Returns the renewed items. */
    public List<W> renew(UserId holder, Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<W> renewed = queue.lockLeased(ids).stream()
                .filter(item -> item.state().heldBy(holder))
                .map(item -> item.renew(holder, now, terms))
                .toList();
        if (!renewed.isEmpty()) {
            queue.saveLeases(renewed);
        }
        return renewed;
    }

    /** What a sweep did; {@code refused} names the items the life cycle would not fail, which stay as they are. */
    public record Sweep<W>(List<Change<W>> ended, List<String> refused) {
    }

    /**
     * Fails up to {@code limit} items whose last allowed lease has expired. An item the life cycle refuses to fail
     * is skipped and reported, never a reason to give up the rest.
     */
    public Sweep<W> sweep(Instant now, int limit) {
        List<Change<W>> ended = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (W item : queue.lockExhausted(now, terms.maxAttempts(), limit)) {
            Change<W> change;
            try {
                change = item.exhaust(now, terms);
            } catch (IllegalTransitionException e) {
                refused.add(item.lifecycle().kind() + " " + item.id() + ": " + e.getMessage());
                continue;
            }
            queue.save(change);
            ended.add(change);
        }
        return new Sweep<>(ended, refused);
    }
}
