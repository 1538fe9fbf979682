package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.RefType;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.HistoryEntry;

/**
 * The build tables in memory, shared by {@link InMemoryBuilds}, {@link InMemoryBuildTaskQueue},
 * {@link InMemoryTaskResults} and {@link InMemoryBuildQueries}: builds, refs, tasks (with their count of
 * unfinished dependencies), dependency rows, history, artifacts, statistics and artifact-store jobs. Single
 * threaded; nothing here is faster than it needs to be.
 */
public final class BuildStore {
    static final class BuildRow {
        long id;
        Instant createdAt;
        Instant finishedAt;
        UserId owner;
        Map<String, Object> mockOptions;
        boolean secureBoot;
        Long productId;
        Long releaseId;
        boolean released;
        boolean cancelTesting;
        int openTasks;
        Set<Long> linkedBuilds = new TreeSet<>();
        List<Long> flavours = List.of();
    }

    static final class RefRow {
        long id;
        long buildId;
        String url;
        String gitRef;
        RefType refType;
        String gitCommitHash;
        Map<String, Object> mockOptions;
        Map<String, Object> testConfiguration;
    }

    /** A stored task: the domain's task as it was last written, and what only the store keeps. */
    static final class TaskRow {
        BuildTask task;
        boolean secureBoot;
        Map<String, Object> mockOptions;
        /** How many unfinished dependencies it waits for: the readiness bookkeeping of the SQL adapter. */
        int pendingDeps;

        long id() {
            return task.id();
        }

        /** The readiness rule, as its SQL home (the build task queue's claim) states it. */
        boolean ready() {
            return task.status() == BuildTaskStatus.IDLE && pendingDeps == 0;
        }

        /** In flight for fair share: started with a live lease. */
        boolean liveAt(Instant now) {
            return task.status() == BuildTaskStatus.STARTED && !task.lease().expiredAt(now);
        }
    }

    /** {@code task} waits for {@code dependsOn}. */
    public record Dependency(long task, long dependsOn) {
    }

    record HistoryRow(long id, HistoryEntry entry) {
    }

    record ArtifactRow(long id, long taskId, String name, String type, String href, String sha256, String casHash) {
    }

    record StatsRow(long id, long taskId, Map<String, Object> statistics) {
    }

    /** A build's repository in the store, with what it was made from. */
    record BuildRepositoryRow(org.albs.domain.artifacts.BuildRepository spec,
                              org.albs.application.port.out.ArtifactStore.StoredRepository stored) {
    }

    final ImmediateTransactions tx;
    final InMemoryUsers users;
    final InMemoryPlatforms platforms;

    final TreeMap<Long, BuildRow> builds = new TreeMap<>();
    final TreeMap<Long, RefRow> refs = new TreeMap<>();
    final TreeMap<Long, TaskRow> tasks = new TreeMap<>();
    final Set<Dependency> dependencies = new LinkedHashSet<>();
    final List<HistoryRow> history = new ArrayList<>();
    final List<ArtifactRow> artifacts = new ArrayList<>();
    /** the flavours builds refer to (set by InMemoryAdapters) */
    InMemoryPlatformFlavours flavours;
    final List<StatsRow> stats = new ArrayList<>();
    final TreeMap<Long, org.albs.domain.artifacts.StoreJob> jobs = new TreeMap<>();
    final List<HistoryEntry> jobHistory = new ArrayList<>();
    /** artifact row id → the content the store made of it */
    final Map<Long, org.albs.domain.artifacts.StoredContent> contents = new java.util.HashMap<>();
    final Map<Long, java.util.LinkedHashMap<String, BuildRepositoryRow>> buildRepositories = new java.util.HashMap<>();
    /** product id → the builds in it (product_builds), and the products' names, for {@link InMemoryBuilds}. */
    final Map<Long, Set<Long>> productBuilds = new java.util.HashMap<>();
    final Map<Long, String> productNames = new java.util.HashMap<>();

    /** Each build's history (build_events), in the order it was recorded. */
    final List<org.albs.domain.builds.BuildEvent> events = new ArrayList<>();
    /** The key each signed build is signed with (the sign tasks' fake writes it). */
    final Map<Long, Long> signedBuilds = new java.util.HashMap<>();

    /** A build task's tests as the build JSON shows them (the test tasks' fake fills it in). */
    java.util.function.Function<Long, List<Object>> testTasksOf = taskId -> List.of();

    private long nextBuildId = 1;
    private long nextRefId = 1;
    private long nextTaskId = 1;
    private long nextRowId = 1;

    public BuildStore(ImmediateTransactions tx, InMemoryUsers users, InMemoryPlatforms platforms) {
        this.tx = tx;
        this.users = users;
        this.platforms = platforms;
    }

    long nextBuildId() {
        return nextBuildId++;
    }

    long nextRefId() {
        return nextRefId++;
    }

    long nextTaskId() {
        return nextTaskId++;
    }

    long nextRowId() {
        return nextRowId++;
    }

    TaskRow requireTask(long id) {
        TaskRow row = tasks.get(id);
        if (row == null) {
            throw new IllegalStateException("build task " + id + " vanished");
        }
        return row;
    }

    // ---- what tests may look at directly (the ports show the rest) ----

    public Optional<BuildTask> task(long id) {
        return Optional.ofNullable(tasks.get(id)).map(t -> t.task);
    }

    public List<BuildTask> tasksOf(long buildId) {
        return tasks.values().stream().map(t -> t.task).filter(t -> t.buildId() == buildId).toList();
    }

    /** How many unfinished dependencies the task waits for (its {@code pending_deps}). */
    public int pendingDependencies(long taskId) {
        return requireTask(taskId).pendingDeps;
    }

    /** The ids the task waits for, ascending. */
    public Set<Long> dependenciesOf(long taskId) {
        TreeSet<Long> ids = new TreeSet<>();
        dependencies.stream().filter(d -> d.task() == taskId).forEach(d -> ids.add(d.dependsOn()));
        return ids;
    }

    public Set<Dependency> dependencies() {
        return Set.copyOf(dependencies);
    }

    /** The count of unfinished tasks kept on the build row ({@code open_tasks}). */
    public int openTasks(long buildId) {
        return builds.get(buildId).openTasks;
    }

    public Optional<Instant> finishedAt(long buildId) {
        return Optional.ofNullable(builds.get(buildId).finishedAt);
    }

    public int importJobCount(long taskId) {
        return (int) jobs.values().stream().filter(j -> j.subject().taskId() != null
                && j.subject().taskId() == taskId).count();
    }

    public List<org.albs.domain.artifacts.StoreJob> jobs() {
        return List.copyOf(jobs.values());
    }

    public String srpmHash(long taskId) {
        BuildTask t = requireTask(taskId).task;
        return t.srpm() == null ? null : t.srpm().hash();
    }

    public String gitCommitHashOfRef(long refId) {
        return refs.get(refId).gitCommitHash;
    }

    public boolean isEmpty() {
        return builds.isEmpty() && tasks.isEmpty() && dependencies.isEmpty();
    }

    /** Test set-up: marks a build released, as the release workflow (not built yet) would. */
    public void markReleased(long buildId) {
        builds.get(buildId).released = true;
    }
}
