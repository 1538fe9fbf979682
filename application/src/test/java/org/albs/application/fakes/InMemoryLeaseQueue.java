package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.albs.application.port.out.LeaseQueue;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Leased;

/**
 * The lease queue's shared part in memory, following the PostgreSQL adapter through the contract tests: expired
 * leases first (longest expired first, then by id), then the kind's waiting items in its order; renewals and the
 * sweeper's candidates; every change stored as the domain computed it, with its history entry. A kind supplies its
 * items, its eligibility, its order and its payload. Locks are not modelled: there is one caller at a time.
 */
public abstract class InMemoryLeaseQueue<W extends Leased<W, ?>, C, P> implements LeaseQueue<W, C, P> {
    private final ImmediateTransactions tx;

    protected InMemoryLeaseQueue(ImmediateTransactions tx) {
        this.tx = tx;
    }

    /** Every stored item, in id order. */
    protected abstract Stream<W> items();

    protected abstract Optional<W> item(long id);

    /** Stores the item's new state as it is. */
    protected abstract void write(W item);

    protected abstract void appendHistory(HistoryEntry entry);

    /** Whether a claimant asking for {@code criteria} may take this item at all (its arch, its package ...). */
    protected abstract boolean eligible(W item, C criteria);

    /** The waiting items the claimant may take now, in the kind's order. */
    protected abstract Stream<W> waitingInOrder(C criteria, Instant now);

    protected abstract P payload(W item);

    @Override
    public List<Offer<W, P>> lockClaimable(C criteria, Instant now, int limit) {
        tx.requireActive("LeaseQueue.lockClaimable");
        Stream<W> expired = items()
                .filter(w -> w.state().phase() == LeasePhase.LEASED && w.state().lease().expiredAt(now))
                .filter(w -> eligible(w, criteria))
                .sorted(Comparator.<W, Instant>comparing(w -> w.state().lease().expiresAt())
                        .thenComparingLong(Leased::id));
        return Stream.concat(expired, waitingInOrder(criteria, now)).limit(limit)
                .map(w -> new Offer<>(w, payload(w))).toList();
    }

    @Override
    public Optional<W> lock(long id) {
        tx.requireActive("LeaseQueue.lock");
        return item(id);
    }

    @Override
    public List<W> lockLeased(Collection<Long> ids) {
        tx.requireActive("LeaseQueue.lockLeased");
        List<W> found = new ArrayList<>();
        for (long id : new LinkedHashSet<>(ids)) {
            item(id).filter(w -> w.state().phase() == LeasePhase.LEASED).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public List<W> lockExhausted(Instant now, int maxAttempts, int limit) {
        tx.requireActive("LeaseQueue.lockExhausted");
        return items()
                .filter(w -> w.state().phase() == LeasePhase.LEASED && w.state().lease().expiredAt(now)
                        && w.state().attempt() >= maxAttempts)
                .sorted(Comparator.<W, Instant>comparing(w -> w.state().lease().expiresAt())
                        .thenComparingLong(Leased::id))
                .limit(limit).toList();
    }

    @Override
    public void save(Change<W> change) {
        tx.requireActive("LeaseQueue.save");
        requireStored(change.work().id());
        write(change.work());
        appendHistory(change.entry());
    }

    @Override
    public void saveLeases(List<W> renewed) {
        tx.requireActive("LeaseQueue.saveLeases");
        renewed.forEach(w -> {
            requireStored(w.id());
            write(w);
        });
    }

    private void requireStored(long id) {
        if (item(id).isEmpty()) {
            throw new IllegalStateException("item " + id + " vanished while being saved");
        }
    }
}
