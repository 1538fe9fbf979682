package org.albs.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.lease.Change;
import org.albs.domain.lease.Leased;

/**
 * The stored items of one kind of leased work (build tasks; later import jobs, test tasks, sign tasks ...), as the
 * lease rules need them. Every {@code lock…} method locks rows for the caller's transaction; the ones a claimant or
 * the sweeper uses skip rows other transactions hold, so concurrent claimants, on any server instance, never get
 * the same item and never wait for each other. Which items are claimable and in which order is the one thing a kind
 * decides in the store (its eligibility and order); every change of an item is decided by the domain and written as
 * it is.
 *
 * @param <W> the kind's items
 * @param <C> what a claimant asks for (e.g. a build node's arches and excluded packages)
 * @param <P> what a claimant receives with an item (e.g. what a build node needs to build a task)
 */
public interface LeaseQueue<W extends Leased<W, ?>, C, P> {
    /** An item locked for a claimant, with what the claimant needs of it, read once the row is locked. */
    record Offer<W, P>(W work, P payload) {
    }

    /**
     * Locks up to {@code limit} items a claimant asking for {@code criteria} may take at {@code now}: first leased
     * items whose lease has expired (the longest expired first), then waiting items in the kind's order.
     */
    List<Offer<W, P>> lockClaimable(C criteria, Instant now, int limit);

    /** Locks one item, waiting for other transactions: for a holder's report or a user's action. */
    Optional<W> lock(long id);

    /** Locks the leased items among {@code ids} that no other transaction holds (a renewal never waits). */
    List<W> lockLeased(Collection<Long> ids);

    /**
     * Locks up to {@code limit} leased items whose lease expired at {@code now} on attempt {@code maxAttempts} or
     * later, the longest expired first, skipping held rows: the sweeper's candidates.
     */
    List<W> lockExhausted(Instant now, int maxAttempts, int limit);

    /** Writes the item's new state and appends the history entry that explains it. */
    void save(Change<W> change);

    /** Writes several changes, each with its history entry (one exchange where the store allows). */
    default void saveAll(List<Change<W>> changes) {
        changes.forEach(this::save);
    }

    /** Writes renewed leases. A renewal changes no status, so it has no history entry. */
    void saveLeases(List<W> renewed);
}
