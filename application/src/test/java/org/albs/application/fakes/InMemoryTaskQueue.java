package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskQueue;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.TaskEvent;
import org.albs.domain.builds.TaskHistoryEntry;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.platform.Platform;

/**
 * {@link TaskQueue} over a {@link BuildStore}, in the dispatch order of {@code albs_next_task} (migration V5) and
 * with the dependency bookkeeping of the SQL adapter. Locks are not modelled: there is only one caller.
 */
public final class InMemoryTaskQueue implements TaskQueue {
    private final BuildStore store;

    public InMemoryTaskQueue(BuildStore store) {
        this.store = store;
    }

    @Override
    public Optional<BuildTask> lockNext(Collection<String> arches, List<String> excludedPackages, Instant now) {
        store.tx.requireActive("TaskQueue.lockNext");
        Predicate<BuildStore.TaskRow> wanted = t -> arches.contains(t.arch) && !excluded(t, excludedPackages);
        Optional<BuildStore.TaskRow> expired = store.tasks.values().stream()
                .filter(t -> t.expiredAt(now) && wanted.test(t))
                .min(Comparator.<BuildStore.TaskRow, Instant>comparing(t -> t.leaseExpiresAt)
                        .thenComparingLong(t -> t.id));
        if (expired.isPresent()) {
            return expired.map(BuildStore.TaskRow::toTask);
        }
        // owners with ready tasks (of any arch), fewest live leases first, then the one whose oldest ready task is
        // oldest; the node gets that owner's oldest ready task it can build, else the next owner's
        Set<UserId> owners = new LinkedHashSet<>();
        store.tasks.values().stream().filter(BuildStore.TaskRow::ready).forEach(t -> owners.add(t.owner));
        List<UserId> order = new ArrayList<>(owners);
        order.sort(Comparator.<UserId>comparingLong(o -> inFlight(o, now)).thenComparingLong(this::oldestReady));
        for (UserId owner : order) {
            Optional<BuildStore.TaskRow> next = store.tasks.values().stream()
                    .filter(t -> t.owner.equals(owner) && t.ready() && wanted.test(t)).findFirst();
            if (next.isPresent()) {
                return next.map(BuildStore.TaskRow::toTask);
            }
        }
        return Optional.empty();
    }

    private long inFlight(UserId owner, Instant now) {
        return store.tasks.values().stream().filter(t -> t.owner.equals(owner) && t.liveAt(now)).count();
    }

    private long oldestReady(UserId owner) {
        return store.tasks.values().stream().filter(t -> t.owner.equals(owner) && t.ready())
                .mapToLong(t -> t.id).min().orElse(Long.MAX_VALUE);
    }

    /** ILIKE '%package%': a case-insensitive substring of the ref URL, wildcards taken literally. */
    private boolean excluded(BuildStore.TaskRow t, List<String> excludedPackages) {
        String url = store.refs.get(t.refId).url.toLowerCase(Locale.ROOT);
        return excludedPackages.stream().anyMatch(p -> url.contains(p.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<BuildTask> lock(long taskId) {
        store.tx.requireActive("TaskQueue.lock");
        return store.task(taskId);
    }

    @Override
    public List<BuildTask> lockIdle(long buildId) {
        store.tx.requireActive("TaskQueue.lockIdle");
        return store.tasks.values().stream().filter(t -> t.buildId == buildId && t.status == BuildTaskStatus.IDLE)
                .map(BuildStore.TaskRow::toTask).toList();
    }

    @Override
    public List<BuildTask> lockIdleSiblings(long refId, long platformId) {
        store.tx.requireActive("TaskQueue.lockIdleSiblings");
        return store.tasks.values().stream()
                .filter(t -> t.refId == refId && t.platformId == platformId && t.status == BuildTaskStatus.IDLE)
                .map(BuildStore.TaskRow::toTask).toList();
    }

    @Override
    public List<BuildTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        store.tx.requireActive("TaskQueue.lockExhausted");
        return store.tasks.values().stream().filter(t -> t.expiredAt(now) && t.attempt >= maxAttempts)
                .sorted(Comparator.<BuildStore.TaskRow, Instant>comparing(t -> t.leaseExpiresAt)
                        .thenComparingLong(t -> t.id))
                .limit(limit).map(BuildStore.TaskRow::toTask).toList();
    }

    @Override
    public void save(BuildTask.Change change) {
        store.tx.requireActive("TaskQueue.save");
        BuildTask t = change.task();
        TaskHistoryEntry e = change.entry();
        BuildStore.TaskRow row = store.requireTask(t.id());
        boolean claimed = e.event() == TaskEvent.CLAIM || e.event() == TaskEvent.RECLAIM;
        boolean restart = e.event() == TaskEvent.RESTART;
        row.status = t.status();
        row.leaseHolder = t.lease() == null ? null : t.lease().holder();
        row.leaseExpiresAt = t.lease() == null ? null : t.lease().expiresAt();
        row.attempt = t.attempt();
        row.error = t.error();
        row.startedAt = t.startedAt();
        row.finishedAt = t.finishedAt();
        row.builtSrpmUrl = t.builtSrpmUrl();
        if (t.builtSrpmUrl() == null) {
            row.srpmHash = null;
        }
        if (restart) {
            row.pendingDeps = 0;
            row.ts = null;
        } else if (claimed) {
            row.ts = e.at();
        }
        appendHistory(row, e);
    }

    @Override
    public void releaseDependants(BuildTask finished) {
        store.tx.requireActive("TaskQueue.releaseDependants");
        long id = finished.id();
        if (finished.startedAt() == null) {
            // finished without running: its dependants now wait for what it still waited for
            List<Long> dependants = store.dependencies.stream().filter(d -> d.dependsOn() == id)
                    .map(BuildStore.Dependency::task).toList();
            List<Long> own = store.dependencies.stream().filter(d -> d.task() == id)
                    .map(BuildStore.Dependency::dependsOn).toList();
            for (long dependant : dependants) {
                for (long inherited : own) {
                    if (store.dependencies.add(new BuildStore.Dependency(dependant, inherited))) {
                        store.requireTask(dependant).pendingDeps++;
                    }
                }
            }
            store.dependencies.removeIf(d -> d.task() == id);
        }
        List<BuildStore.Dependency> released = store.dependencies.stream().filter(d -> d.dependsOn() == id).toList();
        released.forEach(store.dependencies::remove);
        released.forEach(d -> store.requireTask(d.task()).pendingDeps--);
    }

    @Override
    public void addDependencies(List<long[]> dependencies) {
        store.tx.requireActive("TaskQueue.addDependencies");
        for (long[] d : dependencies) {
            store.requireTask(d[0]);
            store.requireTask(d[1]);
            if (store.dependencies.add(new BuildStore.Dependency(d[0], d[1]))) {
                store.requireTask(d[0]).pendingDeps++;
            }
        }
    }

    @Override
    public int renewLeases(UserId holder, Collection<Long> taskIds, Instant now, Instant expiresAt) {
        store.tx.requireActive("TaskQueue.renewLeases");
        int renewed = 0;
        for (long id : new LinkedHashSet<>(taskIds)) {
            BuildStore.TaskRow t = store.tasks.get(id);
            if (t != null && t.status == BuildTaskStatus.STARTED && holder.equals(t.leaseHolder)) {
                t.ts = now;
                t.leaseExpiresAt = expiresAt;
                renewed++;
            }
        }
        return renewed;
    }

    @Override
    public TaskAssignment claim(BuildTask.Change change) {
        store.tx.requireActive("TaskQueue.claim");
        BuildTask t = change.task();
        TaskHistoryEntry e = change.entry();
        BuildStore.TaskRow row = store.requireTask(t.id());
        row.status = t.status();
        row.leaseHolder = t.lease().holder();
        row.leaseExpiresAt = t.lease().expiresAt();
        row.attempt = t.attempt();
        row.error = null;
        row.startedAt = t.startedAt();
        row.finishedAt = null;
        row.ts = e.at();
        appendHistory(row, e);

        BuildStore.RefRow ref = store.refs.get(row.refId);
        BuildStore.BuildRow build = store.builds.get(row.buildId);
        User owner = store.users.findById(build.owner).orElseThrow();
        Platform platform = store.platforms.findById(row.platformId).orElseThrow();
        return new TaskAssignment(row.id, row.buildId, row.arch,
                new BuildTaskRef(ref.url, ref.gitRef, ref.refType, ref.gitCommitHash, null, null), platform,
                owner.username(), owner.email(), Json.copy(build.mockOptions), Json.copy(row.mockOptions),
                row.secureBoot, row.builtSrpmUrl, row.srpmHash, row.almaCommitCasHash, row.casAuthenticated,
                List.copyOf(build.linkedBuilds));
    }

    private void appendHistory(BuildStore.TaskRow row, TaskHistoryEntry e) {
        store.history.add(new BuildStore.HistoryRow(store.nextRowId(), row.id, e.at(), e.event(), row.status,
                e.node(), e.attempt(), e.reason()));
    }
}
