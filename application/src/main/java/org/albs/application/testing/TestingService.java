package org.albs.application.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.albs.application.lease.Dispatcher;
import org.albs.application.port.in.builds.SweepExpiredLeasesUseCase;
import org.albs.application.port.in.testing.CancelTestsUseCase;
import org.albs.application.port.in.testing.FindTestTasksUseCase;
import org.albs.application.port.in.testing.PollTestTasksUseCase;
import org.albs.application.port.in.testing.ReportTestResultUseCase;
import org.albs.application.port.in.testing.RestartTestsUseCase;
import org.albs.application.port.in.testing.SweepExpiredTestLeasesUseCase;
import org.albs.application.port.in.testing.TestLogView;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskPayload;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.TestTasks;
import org.albs.application.port.out.Transactions;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.StoreJob;
import org.albs.application.team.Access;
import org.albs.domain.identity.User;
import org.albs.domain.team.Action;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;
import org.albs.domain.testing.TestVerdict;

/**
 * The test system's side of testing (ALTS polls for tests on the lease queue and posts results) and the users'
 * (restart, cancel, queries). A result's logs reach the build's test-log repository through an import job, as a
 * build's artifacts do; a cancel reaches ALTS through a job that retries with back-off.
 */
public class TestingService implements PollTestTasksUseCase, ReportTestResultUseCase, RestartTestsUseCase,
        CancelTestsUseCase, FindTestTasksUseCase, SweepExpiredTestLeasesUseCase {
    private final TestTasks tests;
    private final Dispatcher<TestTask, TestTasks.AnyTask, TestTasks.Assignment> dispatcher;
    private final TestTaskCreation creation;
    private final Builds builds;
    private final StoreJobs jobs;
    private final BuildArtifacts artifacts;
    private final ArtifactStore store;
    private final Transactions tx;
    private final Clock clock;
    private final AutoReleaseTrigger pipeline;
    private final Access access;

    public TestingService(TestTasks tests, Builds builds, StoreJobs jobs, BuildArtifacts artifacts,
                          ArtifactStore store, Access access, Transactions tx, Clock clock, LeaseTerms terms) {
        this(tests, builds, jobs, artifacts, store, access, tx, clock, terms, AutoReleaseTrigger.OFF);
    }

    /** With the automatic pipeline told of each result ({@code pipeline}). */
    public TestingService(TestTasks tests, Builds builds, StoreJobs jobs, BuildArtifacts artifacts,
                          ArtifactStore store, Access access, Transactions tx, Clock clock, LeaseTerms terms,
                          AutoReleaseTrigger pipeline) {
        this.access = access;
        this.pipeline = pipeline;
        this.tests = tests;
        this.dispatcher = new Dispatcher<>(tests, terms);
        this.creation = new TestTaskCreation(tests, pipeline);
        this.builds = builds;
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- ALTS ------------------------------------------------------------------------------------------------

    @Override
    public List<TestTaskPayload> poll(User testSystem) {
        return tx.inTransaction(() -> dispatcher.claimBatch(testSystem.id(), TestTasks.AnyTask.INSTANCE,
                clock.instant(), MAX_TASKS).leased().stream().map(o -> payload(o.work(), o.payload())).toList());
    }

    @Override
    public boolean report(User reporter, long testTaskId, TestResultCommand result) {
        return tx.inTransaction(() -> {
            TestTask task = tests.lock(testTaskId).orElseThrow(() ->
                    new NotFoundException("Test task with id " + testTaskId + " is not found"));
            if (task.status().isFinished()) {
                return false;
            }
            Instant now = clock.instant();
            Change<TestTask> change = task.report(reporter.id(), TestVerdict.of(result.result()),
                    startedAt(result.stats()), now);
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("api_version", result.apiVersion());
            response.put("result", result.result());
            response.put("stats", result.stats());
            tests.saveResult(new TestTasks.Result(change, response, result.stats(), result.logs()));
            pipeline.buildMoved(task.buildId(), now);
            return true;
        });
    }

    @Override
    public SweepExpiredLeasesUseCase.Sweep failExhaustedTestLeases(int limit) {
        return tx.inTransaction(() -> {
            Dispatcher.Sweep<TestTask> sweep = dispatcher.sweep(clock.instant(), limit);
            return new SweepExpiredLeasesUseCase.Sweep(sweep.ended().stream().map(c -> c.work().id()).toList(),
                    sweep.refused());
        });
    }

    /** When ALTS says the test started ({@code stats.started_at}, naive UTC ISO), if it says so readably. */
    static Instant startedAt(Map<String, Object> stats) {
        if (stats == null || !(stats.get("started_at") instanceof String s)) {
            return null;
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A test as ALTS takes it (upstream's {@code TestTaskPayload}, repositories in upstream's order). */
    private static TestTaskPayload payload(TestTask t, TestTasks.Assignment a) {
        Platform p = a.platform();
        String arch = t.envArch();
        List<TestTaskPayload.Repository> repos = new ArrayList<>();
        for (TestTasks.BuildRepo r : a.buildRepositories()) {
            if (r.arch().equals(arch)) {
                repos.add(new TestTaskPayload.Repository(r.name(), r.url()));
            }
        }
        for (Repository r : p.repositories()) {
            if (arch.equals(r.arch())) {
                repos.add(new TestTaskPayload.Repository(r.name(), r.url()));
            }
        }
        String version = p.distrVersion() + (p.name().toLowerCase(Locale.ROOT).contains("kitten") ? "-kitten" : "");
        return new TestTaskPayload(t.id(), "docker", p.testDistName(), version, arch, t.pkg().name(),
                t.pkg().versionRelease(), "/api/v1/tests/" + t.id() + "/result/", repos, null, null, null,
                testConfiguration(a.testConfiguration()));
    }

    /** The ref's test configuration as ALTS reads it: {@code tests} a list ({@code null} becomes empty). */
    private static Map<String, Object> testConfiguration(Map<String, Object> configured) {
        if (configured == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>(configured);
        if (c.get("tests") == null) {
            c.put("tests", List.of());
        }
        c.putIfAbsent("test_env", null);
        return c;
    }

    // ---- users -----------------------------------------------------------------------------------------------

    @Override
    public void restartBuild(User actor, long buildId) {
        tx.run(() -> {
            requireOwner(actor, buildId);
            Instant now = clock.instant();
            List<TestTasks.TestedTask> tested = new ArrayList<>();
            for (long bt : tests.testedBuildTasks(buildId)) {
                tests.completedTask(bt).ifPresent(tested::add);
            }
            tests.lockBuild(buildId);
            tests.setCancelTesting(buildId, false);
            for (TestTasks.TestedTask t : tested) {
                int latest = tests.latestRevision(t.buildTaskId());
                if (tests.revision(t.buildTaskId(), latest).stream()
                        .anyMatch(x -> x.status() == TestTaskStatus.FAILED)) {
                    creation.newRevision(t, now);
                }
            }
        });
    }

    @Override
    public void restartBuildTask(User actor, long buildTaskId) {
        tx.run(() -> {
            long buildId = tests.buildOf(buildTaskId).orElseThrow(() -> buildTaskNotFound(buildTaskId));
            requireOwner(actor, buildId);
            TestTasks.TestedTask task = tests.completedTask(buildTaskId).orElseThrow(() -> new ConflictException(
                    "Build task " + buildTaskId + " did not complete: it has no packages to test"));
            tests.lockBuild(buildId);
            creation.newRevision(task, clock.instant());
        });
    }

    @Override
    public void cancelBuild(User actor, long buildId) {
        tx.run(() -> {
            requireOwner(actor, buildId);
            Instant now = clock.instant();
            List<Long> started = new ArrayList<>();
            for (TestTask t : tests.lockOpen(buildId)) {
                if (t.status() == TestTaskStatus.CREATED) {
                    tests.save(t.cancel(actor.id(), now));
                } else {
                    started.add(t.id());
                }
            }
            if (!started.isEmpty()) {
                jobs.enqueue(StoreJob.testCancellation(buildId, started, now));
            }
            tests.setCancelTesting(buildId, true);
        });
    }

    /** Restarting or cancelling tests: the build's owner, a superuser, or its product team's {@code update_test}. */
    private void requireOwner(User actor, long buildId) {
        Builds.BuildHeader header = builds.find(buildId)
                .orElseThrow(() -> new NotFoundException("Build with build_id=" + buildId + " is not found"));
        access.requireOnBuild(actor, header, Action.UPDATE_TEST);
    }

    private static NotFoundException buildTaskNotFound(long id) {
        return new NotFoundException("Build task with id " + id + " is not found");
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    @Override
    public List<TestTaskView> latest(long buildTaskId) {
        return revision(buildTaskId, 0);
    }

    @Override
    public List<TestTaskView> revision(long buildTaskId, int revision) {
        return tx.inTransaction(() -> {
            tests.buildOf(buildTaskId).orElseThrow(() -> buildTaskNotFound(buildTaskId));
            int wanted = revision == 0 ? tests.latestRevision(buildTaskId) : revision;
            if (wanted == 0) {
                return List.of();
            }
            List<TestTaskView> views = tests.views(buildTaskId, wanted);
            if (views.isEmpty()) {
                throw new NotFoundException("Build task " + buildTaskId + " has no revision " + revision
                        + " of tests");
            }
            return views;
        });
    }

    @Override
    public List<TestLogView> logs(long buildTaskId) {
        return tx.inTransaction(() -> {
            long buildId = tests.buildOf(buildTaskId).orElseThrow(() -> buildTaskNotFound(buildTaskId));
            Optional<ArtifactStore.StoredRepository> repo = Optional.ofNullable(artifacts.repositories(buildId)
                    .get(BuildRepositories.logRepository(buildId, BuildRepository.TEST_LOG)));
            return tests.latestLogs(buildTaskId).stream().map(l -> new TestLogView(l.testTaskId(), l.testTaskId(),
                    l.id(), l.name(), l.href(), l.contentHandle() == null || repo.isEmpty() ? null
                            : store.fileUrl(repo.get(), l.name()), l.tap() == null ? null : l.tap().success(),
                    l.tap() == null ? null : l.tap().format(), l.tap() == null ? List.of() : l.tap().cases().stream()
                            .map(c -> new TestLogView.TapResult(c.testName(), c.status().code(), c.diagnostic()))
                            .toList())).toList();
        });
    }
}
