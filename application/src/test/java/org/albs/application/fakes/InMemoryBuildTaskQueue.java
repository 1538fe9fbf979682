package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskCriteria;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.platform.Platform;

/**
 * {@link BuildTaskQueue} over a {@link BuildStore}: the claim order of the SQL adapter (fair share between owners,
 * FIFO within one) and its dependency bookkeeping, followed through the shared contract tests.
 */
public final class InMemoryBuildTaskQueue extends InMemoryLeaseQueue<BuildTask, TaskCriteria, TaskAssignment>
        implements BuildTaskQueue {
    private final BuildStore store;

    public InMemoryBuildTaskQueue(BuildStore store) {
        super(store.tx);
        this.store = store;
    }

    @Override
    protected Stream<BuildTask> items() {
        return store.tasks.values().stream().map(t -> t.task);
    }

    @Override
    protected Optional<BuildTask> item(long id) {
        return store.task(id);
    }

    @Override
    protected void write(BuildTask task) {
        store.requireTask(task.id()).task = task;
    }

    @Override
    protected void appendHistory(HistoryEntry entry) {
        store.history.add(new BuildStore.HistoryRow(store.nextRowId(), entry));
    }

    /** Of the node's arches, and not an excluded package: ILIKE '%package%' on the ref URL, wildcards literal. */
    @Override
    protected boolean eligible(BuildTask task, TaskCriteria criteria) {
        String url = store.refs.get(task.refId()).url.toLowerCase(Locale.ROOT);
        return criteria.arches().contains(task.arch())
                && criteria.excludedPackages().stream().noneMatch(p -> url.contains(p.toLowerCase(Locale.ROOT)));
    }

    /**
     * Owners with ready tasks (of any arch), fewest live leases first, then the one whose oldest ready task is
     * oldest; each owner's ready tasks the node may take, oldest first.
     */
    @Override
    protected Stream<BuildTask> waitingInOrder(TaskCriteria criteria, Instant now) {
        Set<UserId> owners = new LinkedHashSet<>();
        store.tasks.values().stream().filter(BuildStore.TaskRow::ready).forEach(t -> owners.add(t.task.owner()));
        List<UserId> order = new ArrayList<>(owners);
        order.sort(Comparator.<UserId>comparingLong(o -> inFlight(o, now)).thenComparingLong(this::oldestReady));
        return order.stream().flatMap(owner -> store.tasks.values().stream()
                .filter(t -> t.task.owner().equals(owner) && t.ready() && eligible(t.task, criteria))
                .map(t -> t.task));
    }

    private long inFlight(UserId owner, Instant now) {
        return store.tasks.values().stream().filter(t -> t.task.owner().equals(owner) && t.liveAt(now)).count();
    }

    private long oldestReady(UserId owner) {
        return store.tasks.values().stream().filter(t -> t.task.owner().equals(owner) && t.ready())
                .mapToLong(BuildStore.TaskRow::id).min().orElse(Long.MAX_VALUE);
    }

    @Override
    protected TaskAssignment payload(BuildTask task) {
        BuildStore.TaskRow row = store.requireTask(task.id());
        BuildStore.RefRow ref = store.refs.get(task.refId());
        BuildStore.BuildRow build = store.builds.get(task.buildId());
        User owner = store.users.findById(build.owner).orElseThrow();
        Platform platform = store.platforms.findById(task.platformId()).orElseThrow();
        return new TaskAssignment(new BuildTaskRef(ref.url, ref.gitRef, ref.refType, ref.gitCommitHash, null, null),
                platform, owner.username(), owner.email(), Json.copy(build.mockOptions), Json.copy(row.mockOptions),
                row.secureBoot, List.copyOf(build.linkedBuilds), buildRepositories(task), flavours(build));
    }

    /** The build's flavours by id, each with its repositories of every arch. */
    private List<TaskAssignment.Flavour> flavours(BuildStore.BuildRow build) {
        if (build.flavours.isEmpty()) {
            return List.of();
        }
        return store.flavours.findByIds(build.flavours).stream().map(f -> new TaskAssignment.Flavour(
                Json.copy(f.data()), f.repositories().stream().map(r -> new TaskAssignment.BuildRepo(r.name(),
                        r.url(), r.arch(), r.priority(), r.mockEnabled())).toList())).toList();
    }

    /** The build's and its linked builds' RPM repositories on the task's platform, own build first. */
    private List<TaskAssignment.BuildRepo> buildRepositories(BuildTask task) {
        List<Long> builds = new java.util.ArrayList<>();
        builds.add(task.buildId());
        builds.addAll(store.builds.get(task.buildId()).linkedBuilds);
        List<TaskAssignment.BuildRepo> repos = new java.util.ArrayList<>();
        for (long b : builds) {
            store.buildRepositories.getOrDefault(b, new java.util.LinkedHashMap<>()).values().stream()
                    .filter(r -> r.spec().type().equals("rpm") && r.spec().platformId() != null
                            && r.spec().platformId() == task.platformId())
                    .forEach(r -> repos.add(new TaskAssignment.BuildRepo(r.spec().name(), r.stored().baseUrl(),
                            r.spec().arch(), 10, true)));
        }
        return repos;
    }

    @Override
    public void repositoriesReady(long buildId) {
        store.tx.requireActive("BuildTaskQueue.repositoriesReady");
        store.tasks.values().stream().filter(t -> t.task.buildId() == buildId && t.task.status() == BuildTaskStatus.IDLE
                && t.pendingDeps > 0).forEach(t -> t.pendingDeps--);
    }

    @Override
    public List<BuildTask> lockIdle(long buildId) {
        store.tx.requireActive("BuildTaskQueue.lockIdle");
        return items().filter(t -> t.buildId() == buildId && t.status() == BuildTaskStatus.IDLE).toList();
    }

    @Override
    public List<BuildTask> lockIdleSiblings(long refId, long platformId) {
        store.tx.requireActive("BuildTaskQueue.lockIdleSiblings");
        return items().filter(t -> t.refId() == refId && t.platformId() == platformId
                && t.status() == BuildTaskStatus.IDLE).toList();
    }

    @Override
    public void releaseDependants(BuildTask ended) {
        store.tx.requireActive("BuildTaskQueue.releaseDependants");
        long id = ended.id();
        if (ended.endedWithoutRunning()) {
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
            store.requireTask(id).pendingDeps = 0;
        }
        List<BuildStore.Dependency> released = store.dependencies.stream().filter(d -> d.dependsOn() == id).toList();
        released.forEach(store.dependencies::remove);
        released.forEach(d -> store.requireTask(d.task()).pendingDeps--);
    }

    @Override
    public void addDependencies(List<long[]> dependencies) {
        store.tx.requireActive("BuildTaskQueue.addDependencies");
        for (long[] d : dependencies) {
            store.requireTask(d[0]);
            store.requireTask(d[1]);
            if (store.dependencies.add(new BuildStore.Dependency(d[0], d[1]))) {
                store.requireTask(d[0]).pendingDeps++;
            }
        }
    }
}
