package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.albs.application.port.out.GenKeyTasks;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.WorkState;
import org.albs.domain.signing.GenKeyTask;
import org.albs.domain.signing.SignTaskStatus;

/** {@link GenKeyTasks} in memory, following {@code SqlGenKeyTasks}: any node, expired first, then the oldest. */
public final class InMemoryGenKeyTasks extends InMemoryLeaseQueue<GenKeyTask, GenKeyTasks.AnyNode, GenKeyTask>
        implements GenKeyTasks {
    private final ImmediateTransactions tx;
    final TreeMap<Long, GenKeyTask> tasks = new TreeMap<>();
    final List<HistoryEntry> history = new ArrayList<>();
    private long nextId = 1;

    public InMemoryGenKeyTasks(ImmediateTransactions tx) {
        super(tx);
        this.tx = tx;
    }

    @Override
    protected Stream<GenKeyTask> items() {
        return tasks.values().stream();
    }

    @Override
    protected Optional<GenKeyTask> item(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    protected void write(GenKeyTask item) {
        tasks.put(item.id(), item);
    }

    @Override
    protected void appendHistory(HistoryEntry entry) {
        history.add(entry);
    }

    @Override
    protected boolean eligible(GenKeyTask item, AnyNode criteria) {
        return true;
    }

    @Override
    protected Stream<GenKeyTask> waitingInOrder(AnyNode criteria, Instant now) {
        return items().filter(t -> t.status() == SignTaskStatus.IDLE);
    }

    @Override
    protected GenKeyTask payload(GenKeyTask item) {
        return item;
    }

    @Override
    public long insert(GenKeyTask task) {
        tx.requireActive("GenKeyTasks.insert");
        long id = nextId++;
        tasks.put(id, task.with(WorkState.waiting(id, SignTaskStatus.IDLE)));
        return id;
    }

    @Override
    public Optional<GenKeyTask> find(long id) {
        return item(id);
    }
}
