package org.albs.application.fakes;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.albs.application.port.out.StoreJobs;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkState;

/** {@link StoreJobs} over a {@link BuildStore}, following {@code SqlStoreJobs}: oldest waiting job first. */
public final class InMemoryStoreJobs extends InMemoryLeaseQueue<StoreJob, StoreJobs.AnyJob, StoreJobs.AnyJob>
        implements StoreJobs {
    private static long nextWorker = 1_000_000_000_000L;
    private final BuildStore store;

    public InMemoryStoreJobs(BuildStore store) {
        super(store.tx);
        this.store = store;
    }

    @Override
    protected Stream<StoreJob> items() {
        return store.jobs.values().stream();
    }

    @Override
    protected Optional<StoreJob> item(long id) {
        return Optional.ofNullable(store.jobs.get(id));
    }

    @Override
    protected void write(StoreJob item) {
        store.jobs.put(item.id(), item);
    }

    @Override
    protected void appendHistory(HistoryEntry entry) {
        store.jobHistory.add(entry);
    }

    @Override
    protected boolean eligible(StoreJob item, AnyJob criteria) {
        return true;
    }

    @Override
    protected Stream<StoreJob> waitingInOrder(AnyJob criteria, Instant now) {
        return items().filter(j -> j.status() == StoreJobStatus.WAITING);
    }

    @Override
    protected AnyJob payload(StoreJob item) {
        return AnyJob.INSTANCE;
    }

    @Override
    public long enqueue(StoreJob job) {
        store.tx.requireActive("StoreJobs.enqueue");
        long id = store.nextRowId();
        store.jobs.put(id, new StoreJob(new WorkState<>(id, StoreJobStatus.WAITING, null, 0, null, null, null),
                job.kind(), job.subject(), job.steps(), job.createdAt()));
        return id;
    }

    @Override
    public boolean saveSteps(StoreJob job, UserId worker) {
        store.tx.requireActive("StoreJobs.saveSteps");
        StoreJob current = store.jobs.get(job.id());
        if (current == null || current.status() != StoreJobStatus.RUNNING || !current.state().lease().heldBy(worker)) {
            return false;
        }
        store.jobs.put(job.id(), new StoreJob(current.state().withLease(job.state().lease()), current.kind(),
                current.subject(), job.steps(), current.createdAt()));
        return true;
    }

    @Override
    public void enqueueFinalizationWhenSettled(long taskId, Instant now) {
        store.tx.requireActive("StoreJobs.enqueueFinalizationWhenSettled");
        BuildTask task = store.requireTask(taskId).task;
        List<BuildTask> siblings = store.tasks.values().stream().map(t -> t.task)
                .filter(t -> t.refId() == task.refId() && t.platformId() == task.platformId()).toList();
        boolean ended = siblings.stream().allMatch(t -> t.state().phase() == LeasePhase.ENDED);
        boolean importsOpen = store.jobs.values().stream().anyMatch(j -> j.subject().taskId() != null
                && j.status().phase() != LeasePhase.ENDED
                && siblings.stream().anyMatch(t -> t.id() == j.subject().taskId()));
        boolean exists = store.jobs.values().stream().anyMatch(j -> j.kind() == StoreJobKind.FINALIZE_INDEX
                && j.subject().buildId() == task.buildId() && task.platformId() == j.subject().platformId()
                && task.index() == j.subject().index());
        if (ended && !importsOpen && !exists) {
            enqueue(StoreJob.waiting(StoreJobKind.FINALIZE_INDEX,
                    StoreJob.Subject.index(task.buildId(), task.platformId(), task.index()), now));
        }
    }

    @Override
    public synchronized UserId newWorkerId() {
        return new UserId(nextWorker++);
    }

    @Override
    public Optional<StoreJob> find(long id) {
        return item(id);
    }

    private Stream<StoreJob> filtered(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind,
                                      Optional<Long> buildId) {
        return items().filter(j -> status.map(s -> j.status() == s).orElse(true))
                .filter(j -> kind.map(k -> j.kind() == k).orElse(true))
                .filter(j -> buildId.map(b -> j.subject().buildId() == b).orElse(true));
    }

    @Override
    public List<StoreJob> page(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind, Optional<Long> buildId,
                               int offset, int limit) {
        return filtered(status, kind, buildId).sorted(Comparator.comparingLong(StoreJob::id).reversed())
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind, Optional<Long> buildId) {
        return filtered(status, kind, buildId).count();
    }

    @Override
    public Map<StoreJobKind, Long> openByKind() {
        Map<StoreJobKind, Long> open = new EnumMap<>(StoreJobKind.class);
        for (StoreJobKind k : StoreJobKind.values()) {
            open.put(k, items().filter(j -> j.kind() == k && j.status().phase() != LeasePhase.ENDED).count());
        }
        return open;
    }
}
