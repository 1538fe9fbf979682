package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.lease.Dispatcher;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.application.testing.TestTaskCreation;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuiltArtifact;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.NodeReport;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.WorkEvent;
import org.albs.domain.platform.Platform;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;
import org.albs.domain.testing.TestVerdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TestTasks} does: the in-memory adapter and the PostgreSQL one run these. Subclasses supply ports
 * over a store where no test task waits or runs and no store job is open.
 */
public abstract class AbstractTestTasksContractTest {
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(30), 2);

    protected QueueFixture f;
    private Dispatcher<TestTask, TestTasks.AnyTask, TestTasks.Assignment> dispatcher;

    protected abstract QueueFixture.Ports ports();

    protected abstract TestTasks tests();

    protected abstract BuildArtifacts artifacts();

    protected abstract StoreJobs jobs();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
        dispatcher = new Dispatcher<>(tests(), TERMS);
    }

    private <T> T tx(java.util.function.Supplier<T> work) {
        return f.ports().tx().inTransaction(work);
    }

    /** A build on x86_64 (src + x86_64), its src task done without packages; returns it with its x86_64 task. */
    private long[] build(User owner, Platform platform) {
        QueueFixture.SeededBuild b = f.build(owner, platform, List.of("x86_64"), true, "pkg");
        User node = f.user("node");
        f.claim(node, b.task("src", 0), T0);
        f.report(node, b.task("src", 0), NodeOutcome.DONE, T0, null, null);
        f.claim(node, b.task("x86_64", 0), T0);
        return new long[] {b.id(), b.task("x86_64", 0), node.id().value()};
    }

    /** The node reports these packages; their import job waits. */
    private void report(long[] b, String... rpms) {
        UserId node = new UserId(b[2]);
        tx(() -> {
            List<BuiltArtifact> built = new ArrayList<>();
            for (String r : rpms) {
                built.add(new BuiltArtifact(r, "rpm", "/pulp/api/v3/artifacts/" + r + "/", "a".repeat(64), null));
            }
            BuildTask.Reported r = ports().queue().lock(b[1]).orElseThrow().report(node,
                    new NodeReport(NodeOutcome.DONE, built, null, null), "el9", T0);
            return ports().results().store(new TaskResults.Report(r.change(), built, Map.of(), null, null, true, 1));
        });
    }

    /** The import job records every package's header and ends. */
    private void imported(long taskId) {
        UserId worker = tx(() -> jobs().newWorkerId());
        Dispatcher<StoreJob, StoreJobs.AnyJob, StoreJobs.AnyJob> jobQueue = new Dispatcher<>(jobs(), TERMS);
        tx(() -> {
            for (BuildArtifacts.ArtifactRecord a : artifacts().ofTask(taskId)) {
                artifacts().recordContent(a.id(), new StoredContent("content-" + a.id(), a.artifact().sha256(),
                        meta(a.artifact().name())));
            }
            StoreJob job = jobQueue.claim(worker, StoreJobs.AnyJob.INSTANCE, T0).leased().orElseThrow().work();
            assertThat(job.kind()).isEqualTo(StoreJobKind.IMPORT_ARTIFACTS);
            jobs().save(job.finish(worker, null, T0));
            return null;
        });
    }

    private static PackageMeta meta(String file) {
        String[] parts = file.replace(".rpm", "").split("\\.");
        String arch = parts[parts.length - 1];
        String nvr = file.substring(0, file.length() - arch.length() - 5);
        int r = nvr.lastIndexOf('-');
        int v = nvr.lastIndexOf('-', r - 1);
        return new PackageMeta(nvr.substring(0, v), "1", nvr.substring(v + 1, r), nvr.substring(r + 1), arch,
                "pkg.src.rpm");
    }

    private Optional<List<TestTasks.TestedTask>> settled(long buildId) {
        return tx(() -> tests().lockUntestedSettledBuild(buildId));
    }

    @Test
    void aBuildIsTestedOnceItsTasksEndedAndItsImportsAreDoneAndOnlyOnce() {
        User owner = f.user("owner");
        Platform platform = f.platform("Test", "x86_64");
        long[] b = build(owner, platform);
        assertThat(settled(b[0])).as("a task still runs").isEmpty();
        report(b, "pkg-1.0-2.el9.x86_64.rpm", "pkg-doc-1.0-2.el9.noarch.rpm", "pkg-debuginfo-1.0-2.el9.x86_64.rpm");
        assertThat(settled(b[0])).as("its import waits").isEmpty();
        imported(b[1]);
        List<TestTasks.TestedTask> all = settled(b[0]).orElseThrow();
        assertThat(all).extracting(TestTasks.TestedTask::arch).as("every completed task, in id order")
                .containsExactly("src", "x86_64");
        assertThat(all.get(0).packages()).isEmpty();
        List<TestTasks.TestedTask> tested = all.subList(1, 2);
        assertThat(tested.get(0).buildTaskId()).isEqualTo(b[1]);
        assertThat(tested.get(0).packages()).extracting(p -> p.meta().name())
                .containsExactly("pkg", "pkg-doc", "pkg-debuginfo");
        assertThat(tested.get(0).packages().get(0).meta().epoch()).isEqualTo("1");

        tx(() -> {
            new TestTaskCreation(tests()).whenSettled(b[0], T0);
            return null;
        });
        assertThat(tx(() -> tests().latestRevision(b[1]))).isEqualTo(1);
        assertThat(tx(() -> tests().revision(b[1], 1))).extracting(t -> t.pkg().name() + "/" + t.envArch())
                .containsExactly("pkg/x86_64", "pkg-doc/x86_64");
        assertThat(settled(b[0]).orElseThrow()).as("tested once").extracting(TestTasks.TestedTask::buildTaskId)
                .doesNotContain(b[1]);
        assertThat(tx(() -> tests().testedBuildTasks(b[0]))).containsExactly(b[1]);
        assertThat(tx(() -> tests().completedTask(b[1]))).isPresent();
        assertThat(tx(() -> tests().buildOf(b[1]))).contains(b[0]);
        assertThat(tx(() -> tests().buildOf(999_999_999L))).isEmpty();
    }

    @Test
    void testingSwitchedOffForTheBuildMakesNoTests() {
        long[] b = build(f.user("owner"), f.platform("Off", "x86_64"));
        report(b, "off-1-1.el9.x86_64.rpm");
        tx(() -> {
            tests().setCancelTesting(b[0], true);
            return null;
        });
        imported(b[1]);
        assertThat(settled(b[0])).isEmpty();
    }

    private List<Long> created(long[] b, String... rpms) {
        report(b, rpms);
        imported(b[1]);
        return tx(() -> tests().create(settled(b[0]).orElseThrow().stream().flatMap(t -> org.albs.domain.testing
                .TestPlan.of(t.buildId(), t.buildTaskId(), t.arch(), 1, t.packages()).stream()).toList(), T0));
    }

    @Test
    void claimsGoInIdOrderWithThePayloadAndExpiredLeasesFirst() {
        Platform platform = f.platform("Claim", "x86_64");
        long[] b = build(f.user("owner"), platform);
        List<Long> ids = created(b, "a-1-1.el9.x86_64.rpm", "b-1-1.el9.x86_64.rpm", "c-1-1.el9.x86_64.rpm");
        User alts = f.user("alts");
        Dispatcher.Batch<TestTask, TestTasks.Assignment> first = tx(() -> dispatcher.claimBatch(alts.id(),
                TestTasks.AnyTask.INSTANCE, T0, 2));
        assertThat(first.leased()).extracting(o -> o.work().id()).containsExactly(ids.get(0), ids.get(1));
        TestTasks.Assignment a = first.leased().get(0).payload();
        assertThat(a.platform().name()).isEqualTo(platform.name());
        assertThat(first.leased().get(0).work().status()).isEqualTo(TestTaskStatus.STARTED);
        Instant later = T0.plus(Duration.ofMinutes(31));
        Dispatcher.Batch<TestTask, TestTasks.Assignment> second = tx(() -> dispatcher.claimBatch(alts.id(),
                TestTasks.AnyTask.INSTANCE, later, 10));
        assertThat(second.leased()).extracting(o -> o.work().id()).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        assertThat(second.leased().get(0).work().state().attempt()).isEqualTo(2);
        Dispatcher.Batch<TestTask, TestTasks.Assignment> third = tx(() -> dispatcher.claimBatch(alts.id(),
                TestTasks.AnyTask.INSTANCE, later.plus(Duration.ofMinutes(31)), 10));
        assertThat(third.leased()).extracting(o -> o.work().id()).containsExactly(ids.get(2));
        assertThat(third.ended()).extracting(c -> c.work().status()).containsOnly(TestTaskStatus.FAILED)
                .hasSize(2);
    }

    @Test
    void aResultIsStoredWithItsResponseStatsAndLogsAndTheLogImportJob() {
        long[] b = build(f.user("owner"), f.platform("Result", "x86_64"));
        List<Long> ids = created(b, "r-1-1.el9.x86_64.rpm", "s-1-1.el9.x86_64.rpm");
        User alts = f.user("alts");
        tx(() -> dispatcher.claimBatch(alts.id(), TestTasks.AnyTask.INSTANCE, T0, 10));
        tx(() -> {
            TestTask t = tests().lock(ids.get(0)).orElseThrow();
            tests().saveResult(new TestTasks.Result(t.report(alts.id(), new TestVerdict(WorkEvent.DONE, null),
                    null, T0), Map.of("api_version", "1", "result", Map.of()), Map.of("started_at", "x"),
                    List.of(new TestResultCommand.Log("a.log", "/h/a/"), new TestResultCommand.Log("b.log", "/h/b/"))));
            TestTask u = tests().lock(ids.get(1)).orElseThrow();
            tests().saveResult(new TestTasks.Result(u.report(alts.id(), new TestVerdict(WorkEvent.FAIL, "failed: x"),
                    null, T0), Map.of("api_version", "1"), null, List.of()));
            return null;
        });
        List<TestTaskView> views = tx(() -> tests().views(b[1], 1));
        assertThat(views).extracting(TestTaskView::status).containsExactly(3, 4);
        assertThat(views.get(0).altsResponse()).containsEntry("api_version", "1");
        assertThat(views.get(0).performanceStats()).hasSize(1);
        assertThat(views.get(1).performanceStats()).isEmpty();
        assertThat(views.get(1).error()).isEqualTo("failed: x");
        assertThat(views.get(0).history()).extracting(h -> h.event()).containsExactly("CLAIM", "DONE");
        List<TestTasks.StoredLog> logs = tx(() -> tests().logs(ids.get(0)));
        assertThat(logs).extracting(TestTasks.StoredLog::name).containsExactly("a.log", "b.log");
        tx(() -> {
            tests().recordLogContent(logs.get(0).id(), "content-a");
            return null;
        });
        assertThat(tx(() -> tests().latestLogs(b[1]))).extracting(TestTasks.StoredLog::contentHandle)
                .containsExactly("content-a", null);
        assertThat(tx(() -> jobs().page(Optional.empty(), Optional.of(StoreJobKind.IMPORT_TEST_LOGS),
                Optional.of(b[0]), 0, 10))).extracting(j -> j.subject().testTaskId()).containsExactly(ids.get(0));
        assertThat(tx(() -> tests().lockOpen(b[0]))).isEmpty();
    }

    @Test
    void aRevisionIsMadeOnceForEachBuildTaskPackageAndArch() {
        long[] b = build(f.user("owner"), f.platform("Rev", "x86_64"));
        created(b, "v-1-1.el9.x86_64.rpm");
        TestTask again = TestTask.created(b[0], b[1], 1, new org.albs.domain.testing.TestedPackage("v", "0", "1",
                "1"), "x86_64");
        assertThatThrownBy(() -> tx(() -> tests().create(List.of(again), T0))).isInstanceOf(RuntimeException.class);
        assertThat(tx(() -> tests().create(List.of(TestTask.created(b[0], b[1], 2, again.pkg(), "x86_64")), T0)))
                .hasSize(1);
        assertThat(tx(() -> tests().latestRevision(b[1]))).isEqualTo(2);
        assertThat(tx(() -> tests().lockOpen(b[0]))).hasSize(2);
    }
}
