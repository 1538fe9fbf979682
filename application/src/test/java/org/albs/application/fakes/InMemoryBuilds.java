package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.albs.application.port.out.Builds;
import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.PlannedDependency;
import org.albs.domain.builds.PlannedTask;
import org.albs.domain.builds.RestartPlanner;

/** {@link Builds} over a {@link BuildStore}, with the SQL adapter's semantics. */
public final class InMemoryBuilds implements Builds {
    private final BuildStore store;

    public InMemoryBuilds(BuildStore store) {
        this.store = store;
    }

    @Override
    public long create(NewBuild build, List<BuildTaskRef> refs, BuildPlan plan, Instant now) {
        store.tx.requireActive("Builds.create");
        if (store.users.findById(build.owner()).isEmpty()) {
            throw new IllegalStateException("foreign key: no user " + build.owner());
        }
        BuildStore.BuildRow b = new BuildStore.BuildRow();
        b.id = store.nextBuildId();
        b.createdAt = now;
        b.owner = build.owner();
        b.mockOptions = Json.copy(build.mockOptions());
        b.secureBoot = build.secureBoot();
        b.productId = build.productId();
        b.openTasks = plan.tasks().size();
        if (!build.platformFlavours().isEmpty() && (store.flavours == null
                || store.flavours.findByIds(build.platformFlavours()).size() != build.platformFlavours().size())) {
            throw new IllegalStateException("foreign key: unknown flavours " + build.platformFlavours());
        }
        b.flavours = build.platformFlavours();
        for (long linked : build.linkedBuilds()) {
            if (!store.builds.containsKey(linked)) {
                throw new IllegalStateException("foreign key: no build " + linked);
            }
            if (!b.linkedBuilds.add(linked)) {
                throw new IllegalStateException("duplicate key: build " + linked + " linked twice");
            }
        }
        store.builds.put(b.id, b);
        List<Long> refIds = new ArrayList<>();
        for (BuildTaskRef r : refs) {
            BuildStore.RefRow row = new BuildStore.RefRow();
            row.id = store.nextRefId();
            row.buildId = b.id;
            row.url = r.url();
            row.gitRef = r.gitRef();
            row.refType = r.refType();
            row.gitCommitHash = r.gitCommitHash();
            row.mockOptions = Json.copy(r.mockOptions());
            row.testConfiguration = Json.copy(r.testConfiguration());
            store.refs.put(row.id, row);
            refIds.add(row.id);
        }
        List<Long> taskIds = new ArrayList<>();
        for (PlannedTask t : plan.tasks()) {
            if (store.platforms.findById(t.platformId()).isEmpty()) {
                throw new IllegalStateException("foreign key: no platform " + t.platformId());
            }
            BuildStore.TaskRow row = new BuildStore.TaskRow();
            row.task = BuildTask.planned(store.nextTaskId(), b.id, t.platformId(), refIds.get(t.refIndex()),
                    build.owner(), t.index(), t.arch());
            row.secureBoot = build.secureBoot();
            row.mockOptions = Json.copy(t.mockOptions());
            row.pendingDeps = 1; // its build's repositories (BuildTaskQueue.repositoriesReady)
            store.tasks.put(row.id(), row);
            taskIds.add(row.id());
        }
        for (PlannedDependency d : plan.dependencies()) {
            BuildStore.Dependency dep = new BuildStore.Dependency(taskIds.get(d.task()), taskIds.get(d.dependsOn()));
            if (!store.dependencies.add(dep)) {
                throw new IllegalStateException("duplicate key: " + dep);
            }
            store.requireTask(dep.task()).pendingDeps++;
        }
        return b.id;
    }

    @Override
    public Optional<BuildHeader> find(long buildId) {
        return Optional.ofNullable(store.builds.get(buildId)).map(b -> new BuildHeader(b.id, b.owner, b.released, b.finishedAt, b.productId));
    }

    @Override
    public List<Long> missing(Collection<Long> buildIds) {
        return buildIds.stream().filter(id -> !store.builds.containsKey(id)).toList();
    }

    @Override
    public List<RestartPlanner.Candidate> restartCandidates(long buildId) {
        return store.tasksOf(buildId).stream()
                .sorted(Comparator.comparingInt(BuildTask::index).thenComparingLong(BuildTask::id))
                .map(t -> new RestartPlanner.Candidate(t.id(), t.index(), t.platformId(), t.arch(), t.status()))
                .toList();
    }

    @Override
    public BuildProgress countOpenTasks(long buildId, int delta) {
        store.tx.requireActive("Builds.countOpenTasks");
        BuildStore.BuildRow b = store.builds.get(buildId);
        if (b == null) {
            throw new IllegalStateException("build " + buildId + " vanished");
        }
        b.openTasks += delta;
        return new BuildProgress(buildId, b.openTasks, b.finishedAt);
    }

    @Override
    public void setFinishedAt(long buildId, Instant finishedAt) {
        store.tx.requireActive("Builds.setFinishedAt");
        store.builds.get(buildId).finishedAt = finishedAt;
    }

    @Override
    public void delete(long buildId) {
        store.tx.requireActive("Builds.delete");
        if (store.builds.remove(buildId) == null) {
            return;
        }
        store.events.removeIf(e -> e.buildId() == buildId);
        Set<Long> taskIds = new java.util.HashSet<>();
        store.tasksOf(buildId).forEach(t -> taskIds.add(t.id()));
        store.tasks.keySet().removeAll(taskIds);
        store.refs.values().removeIf(r -> r.buildId == buildId);
        store.dependencies.removeIf(d -> taskIds.contains(d.task()) || taskIds.contains(d.dependsOn()));
        store.history.removeIf(h -> taskIds.contains(h.entry().workId()));
        store.artifacts.removeIf(a -> taskIds.contains(a.taskId()));
        store.stats.removeIf(s -> taskIds.contains(s.taskId()));
        store.jobs.values().removeIf(j -> j.subject().taskId() != null && taskIds.contains(j.subject().taskId()));
        store.buildRepositories.remove(buildId);
        store.builds.values().forEach(b -> b.linkedBuilds.remove(buildId));
        store.productBuilds.values().forEach(b -> b.remove(buildId));
    }

    @Override
    public java.util.List<String> productsOf(long buildId) {
        return store.productBuilds.entrySet().stream().filter(e -> e.getValue().contains(buildId))
                .map(e -> store.productNames.get(e.getKey())).sorted().toList();
    }
}
