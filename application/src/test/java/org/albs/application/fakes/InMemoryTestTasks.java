package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.application.port.out.TestTasks;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkState;
import org.albs.domain.platform.Platform;
import org.albs.domain.testing.TapLog;
import org.albs.domain.testing.TestPlan;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;

/**
 * Test tasks in memory over the build store, following {@code SqlTestTasks} through the contract tests: claimed in
 * id order (expired leases first), the payload read from the build, and the same rule of when a build is tested.
 */
public final class InMemoryTestTasks extends InMemoryLeaseQueue<TestTask, TestTasks.AnyTask, TestTasks.Assignment>
        implements TestTasks {
    private final BuildStore store;
    private final InMemoryStoreJobs jobs;
    private final TreeMap<Long, TestTask> tests = new TreeMap<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private final Map<Long, Map<String, Object>> responses = new TreeMap<>();
    private final Map<Long, List<Map<String, Object>>> stats = new TreeMap<>();
    private final TreeMap<Long, StoredLog> logs = new TreeMap<>();
    private long nextId = 1;

    public InMemoryTestTasks(BuildStore store, InMemoryStoreJobs jobs) {
        super(store.tx);
        this.store = store;
        this.jobs = jobs;
        store.testTasksOf = taskId -> tests.values().stream().filter(t -> t.buildTaskId() == taskId)
                .map(t -> (Object) new BuildView.TestTaskSummary(t.id(), t.status().code(), t.revision(),
                        stats.getOrDefault(t.id(), List.of()).stream().map(x -> new BuildView.PerformanceStats(0, null,
                                t.id(), null, x)).toList())).toList();
    }

    @Override
    protected Stream<TestTask> items() {
        return tests.values().stream();
    }

    @Override
    protected Optional<TestTask> item(long id) {
        return Optional.ofNullable(tests.get(id));
    }

    @Override
    protected void write(TestTask item) {
        tests.put(item.id(), item);
    }

    @Override
    protected void appendHistory(HistoryEntry entry) {
        history.add(entry);
    }

    @Override
    protected boolean eligible(TestTask item, AnyTask criteria) {
        return true;
    }

    @Override
    protected Stream<TestTask> waitingInOrder(AnyTask criteria, Instant now) {
        return tests.values().stream().filter(t -> t.status() == TestTaskStatus.CREATED);
    }

    @Override
    protected Assignment payload(TestTask t) {
        BuildStore.TaskRow task = store.requireTask(t.buildTaskId());
        long platformId = task.task.platformId();
        Platform platform = store.platforms.findById(platformId).orElseThrow();
        BuildStore.BuildRow build = store.builds.get(t.buildId());
        List<Long> builds = new ArrayList<>();
        builds.add(t.buildId());
        builds.addAll(build.linkedBuilds);
        List<BuildRepo> repos = new ArrayList<>();
        for (long b : builds) {
            store.buildRepositories.getOrDefault(b, new java.util.LinkedHashMap<>()).values().forEach(r -> {
                BuildRepository spec = r.spec();
                if (spec.type().equals(BuildRepository.RPM) && Long.valueOf(platformId).equals(spec.platformId())) {
                    repos.add(new BuildRepo(r.stored().name(), r.stored().baseUrl(), spec.arch()));
                }
            });
        }
        return new Assignment(platform, store.refs.get(task.task.refId()).testConfiguration, repos);
    }

    // ---- the rule of when a build is tested, as SqlTestTasks states it ----

    @Override
    public Optional<List<TestedTask>> lockUntestedSettledBuild(long buildId) {
        store.tx.requireActive("TestTasks.lockUntestedSettledBuild");
        BuildStore.BuildRow b = store.builds.get(buildId);
        if (b == null || b.openTasks > 0 || b.cancelTesting) {
            return Optional.empty();
        }
        List<BuildTask> tasks = store.tasksOf(buildId);
        boolean cancelled = tasks.stream().anyMatch(t -> t.status() == BuildTaskStatus.CANCELLED);
        boolean open = store.jobs.values().stream().anyMatch(j -> j.subject().buildId() == buildId
                && (j.kind() == StoreJobKind.IMPORT_ARTIFACTS || j.kind() == StoreJobKind.FINALIZE_INDEX)
                && j.status().phase() != LeasePhase.ENDED);
        if (cancelled || open) {
            return Optional.empty();
        }
        return Optional.of(tasks.stream().filter(t -> t.status() == BuildTaskStatus.COMPLETED)
                .filter(t -> tests.values().stream().noneMatch(x -> x.buildTaskId() == t.id()))
                .filter(t -> !store.platforms.findById(t.platformId()).orElseThrow().testDistName().isBlank())
                .map(this::tested).toList());
    }

    private TestedTask tested(BuildTask t) {
        List<TestPlan.Package> packages = new ArrayList<>();
        store.artifacts.stream().filter(a -> a.taskId() == t.id() && a.type().equals("rpm"))
                .sorted(Comparator.comparingLong(BuildStore.ArtifactRow::id)).forEach(a -> {
                    var content = store.contents.get(a.id());
                    if (content != null && content.pkg() != null) {
                        packages.add(new TestPlan.Package(a.name(), content.pkg()));
                    }
                });
        return new TestedTask(t.id(), t.buildId(), t.arch(), packages);
    }

    @Override
    public Optional<TestedTask> completedTask(long buildTaskId) {
        return store.task(buildTaskId).filter(t -> t.status() == BuildTaskStatus.COMPLETED).map(this::tested);
    }

    @Override
    public Optional<Long> buildOf(long buildTaskId) {
        return store.task(buildTaskId).map(BuildTask::buildId);
    }

    @Override
    public List<Long> create(List<TestTask> tasks, Instant now) {
        store.tx.requireActive("TestTasks.create");
        List<Long> ids = new ArrayList<>();
        for (TestTask t : tasks) {
            if (tests.values().stream().anyMatch(x -> x.buildTaskId() == t.buildTaskId()
                    && x.revision() == t.revision() && x.pkg().name().equals(t.pkg().name())
                    && x.envArch().equals(t.envArch()))) {
                throw new IllegalStateException("test of revision " + t.revision() + " made twice");
            }
            long id = nextId++;
            tests.put(id, t.with(WorkState.waiting(id, TestTaskStatus.CREATED)));
            ids.add(id);
        }
        return ids;
    }

    @Override
    public int latestRevision(long buildTaskId) {
        return tests.values().stream().filter(t -> t.buildTaskId() == buildTaskId).mapToInt(TestTask::revision)
                .max().orElse(0);
    }

    @Override
    public List<TestTask> revision(long buildTaskId, int revision) {
        return tests.values().stream().filter(t -> t.buildTaskId() == buildTaskId && t.revision() == revision)
                .toList();
    }

    @Override
    public List<TestTask> lockOpen(long buildId) {
        store.tx.requireActive("TestTasks.lockOpen");
        return tests.values().stream().filter(t -> t.buildId() == buildId && !t.status().isFinished()).toList();
    }

    @Override
    public void setCancelTesting(long buildId, boolean cancel) {
        store.tx.requireActive("TestTasks.setCancelTesting");
        BuildStore.BuildRow b = store.builds.get(buildId);
        if (b != null) {
            b.cancelTesting = cancel;
        }
    }

    @Override
    public void saveResult(Result r) {
        save(r.change());
        long id = r.change().work().id();
        responses.put(id, r.altsResponse());
        if (r.stats() != null) {
            stats.computeIfAbsent(id, k -> new ArrayList<>()).add(r.stats());
        }
        for (TestResultCommand.Log l : r.logs()) {
            long logId = nextId++;
            logs.put(logId, new StoredLog(logId, id, l.name(), l.href(), null));
        }
        if (!r.logs().isEmpty()) {
            TestTask t = r.change().work();
            jobs.enqueue(StoreJob.waiting(StoreJobKind.IMPORT_TEST_LOGS,
                    new StoreJob.Subject(t.buildId(), null, null, null, id), r.change().entry().at()));
        }
    }

    @Override
    public List<StoredLog> logs(long testTaskId) {
        return logs.values().stream().filter(l -> l.testTaskId() == testTaskId).toList();
    }

    @Override
    public void recordLogContent(long logId, String contentHandle) {
        store.tx.requireActive("TestTasks.recordLogContent");
        StoredLog l = logs.get(logId);
        logs.put(logId, new StoredLog(l.id(), l.testTaskId(), l.name(), l.href(), contentHandle, l.tap()));
    }

    @Override
    public void recordLogTap(long logId, TapLog tap) {
        store.tx.requireActive("TestTasks.recordLogTap");
        StoredLog l = logs.get(logId);
        logs.put(logId, new StoredLog(l.id(), l.testTaskId(), l.name(), l.href(), l.contentHandle(), tap));
    }

    @Override
    public List<StoredLog> latestLogs(long buildTaskId) {
        int latest = latestRevision(buildTaskId);
        return logs.values().stream().filter(l -> {
            TestTask t = tests.get(l.testTaskId());
            return t.buildTaskId() == buildTaskId && t.revision() == latest;
        }).sorted(Comparator.comparingLong(StoredLog::testTaskId).thenComparingLong(StoredLog::id)).toList();
    }

    @Override
    public List<Long> testedBuildTasks(long buildId) {
        return tests.values().stream().filter(t -> t.buildId() == buildId).map(TestTask::buildTaskId).distinct()
                .sorted().toList();
    }

    @Override
    public void lockBuild(long buildId) {
        store.tx.requireActive("TestTasks.lockBuild");
    }

    @Override
    public List<TestTaskView> views(long buildTaskId, int revision) {
        List<TestTaskView> views = new ArrayList<>();
        for (TestTask t : revision(buildTaskId, revision)) {
            List<BuildView.HistoryEntry> h = history.stream().filter(e -> e.workId() == t.id())
                    .map(e -> new BuildView.HistoryEntry(local(e.at()), e.event().name(), e.status().code(),
                            e.actor() == null ? null : e.actor().value(), e.attempt(), e.reason())).toList();
            List<BuildView.PerformanceStats> s = new ArrayList<>();
            stats.getOrDefault(t.id(), List.of()).forEach(x -> s.add(new BuildView.PerformanceStats(0, null,
                    t.id(), null, x)));
            views.add(new TestTaskView(t.id(), t.buildTaskId(), t.pkg().name(), t.pkg().version(),
                    t.pkg().release(), t.pkg().epoch(), t.envArch(), t.status().code(), t.revision(),
                    responses.get(t.id()), s, t.state().attempt(), t.state().error(), local(t.state().startedAt()),
                    local(t.state().finishedAt()), h));
        }
        return views;
    }

    private static java.time.LocalDateTime local(Instant i) {
        return i == null ? null : java.time.LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
    }

    /** What the fake stored of a test, for tests of the fake itself. */
    public Map<String, Object> response(long testTaskId) {
        return new LinkedHashMap<>(responses.getOrDefault(testTaskId, Map.of()));
    }
}
