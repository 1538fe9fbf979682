package org.albs.application.testing;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.MutableClock;
import org.albs.application.fakes.Packages;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.testing.TestLogView;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskPayload;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Testing over in-memory adapters with a fixed clock: creation, polls, results, leases, restart, cancel. */
class TestingServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final LeaseTerms TEST_TERMS = new LeaseTerms(Duration.ofHours(6), 2);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(),
            a.platforms(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://pulp/pulp/content/builds",
            new TestTaskCreation(a.tests()));
    private final StoreJobService jobs = new StoreJobService(a.jobs(), a.artifacts(), a.queue(), a.platforms(),
            a.artifactStore(), a.knowledge(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(5), 2),
            Duration.ofSeconds(5), Duration.ofMinutes(5), new TestTaskCreation(a.tests()));
    private final TestingService testing = new TestingService(a.tests(), a.builds(), a.jobs(), a.artifacts(),
            a.artifactStore(), a.access(), a.tx(), clock, TEST_TERMS);
    private User alice;
    private User node;
    private User alts;
    private int sha;
    private org.albs.domain.platform.Platform platform;

    @BeforeEach
    void seed() {
        TestingJobs.all(a.tests(), a.testSystem(), a.artifacts(), a.artifactStore(), a.tx()).forEach(jobs::register);
        alice = a.user("alice", false);
        node = a.user("node", false);
        alts = a.user("alts", false);
        platform = a.platform("AlmaLinux-9", List.of("x86_64"));
    }

    private int runJobs() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    private RawArtifact rpm(String name) {
        RawArtifact r = new RawArtifact(name, "rpm", "/pulp/api/v3/artifacts/" + name + "/",
                String.format("%064x", ++sha), null);
        a.artifactStore().upload(r.href(), r.sha256(), Packages.meta(name));
        return r;
    }

    /** A build whose x86_64 task built these packages; returns {build, x86_64 task}. */
    private long[] finished(String... rpms) {
        BuildView b = builds.create(alice, build(platform("AlmaLinux-9", true, "x86_64"), "bash"));
        runJobs();
        long src = dispatch.nextTask(node, new GetTaskCommand(List.of("src", "x86_64"), null)).orElseThrow().id();
        dispatch.buildDone(node, BuildDoneCommand.of(src, "done", List.of(rpm("bash-5.1-1.el9.src.rpm")), null,
                null, null, null));
        runJobs();
        long x86 = dispatch.nextTask(node, new GetTaskCommand(List.of("x86_64"), null)).orElseThrow().id();
        dispatch.buildDone(node, BuildDoneCommand.of(x86, "done", java.util.Arrays.stream(rpms).map(this::rpm)
                .toList(), null, null, null, null));
        return new long[] {b.id(), x86};
    }

    private static TestResultCommand result(boolean ok, List<Map<String, Object>> logs) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("install_package", Map.of("success", ok));
        result.put("logs", logs);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_version", "20210512");
        body.put("result", result);
        body.put("stats", Map.of("started_at", "2026-01-01T09:00:00.5"));
        return TestResultCommand.of(body);
    }

    @Test
    void testsAreMadeWhenTheImportsAreDoneAndAltsGetsThemOnceWithUpstreamsPayload() {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm", "bash-doc-5.1-1.el9.noarch.rpm",
                "bash-debuginfo-5.1-1.el9.x86_64.rpm");
        assertThat(testing.latest(ids[1])).as("the import still waits").isEmpty();
        runJobs();
        List<TestTaskView> tests = testing.latest(ids[1]);
        assertThat(tests).extracting(TestTaskView::packageName).containsExactly("bash", "bash-doc");
        assertThat(builds.get(ids[0]).tasks().stream().filter(t -> t.id() == ids[1]).findFirst().orElseThrow()
                .testTasks()).hasSize(2);

        List<TestTaskPayload> polled = testing.poll(alts);
        assertThat(polled).hasSize(2);
        TestTaskPayload p = polled.get(0);
        assertThat(p.runnerType()).isEqualTo("docker");
        assertThat(p.distName()).isEqualTo(platform.testDistName());
        assertThat(p.distVersion()).isEqualTo(platform.distrVersion());
        assertThat(p.distArch()).isEqualTo("x86_64");
        assertThat(p.packageVersion()).isEqualTo("5.1-1.el9");
        assertThat(p.callbackHref()).isEqualTo("/api/v1/tests/" + p.bsTaskId() + "/result/");
        assertThat(p.repositories()).extracting(TestTaskPayload.Repository::name)
                .startsWith("AlmaLinux-9-x86_64-" + ids[0] + "-br", "AlmaLinux-9-x86_64-" + ids[0] + "-debug-br")
                .endsWith("AlmaLinux-9-BaseOS");
        assertThat(p.testConfiguration()).isNull();
        assertThat(testing.poll(alts)).isEmpty();
    }

    @Test
    void resultsEndTestsOnceAndTheirLogsAreImportedIntoTheTestLogRepository() {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm", "zsh-5.1-1.el9.x86_64.rpm");
        runJobs();
        List<TestTaskPayload> polled = testing.poll(alts);
        a.artifactStore().upload("/pulp/api/v3/artifacts/l1/", String.format("%064x", 999), null);
        assertThat(testing.report(alts, polled.get(0).bsTaskId(), result(true, List.of(Map.of("name", "i.log",
                "href", "/pulp/api/v3/artifacts/l1/"))))).isTrue();
        assertThat(testing.report(alts, polled.get(1).bsTaskId(), result(false, List.of()))).isTrue();
        assertThat(testing.report(alts, polled.get(0).bsTaskId(), result(false, List.of()))).as("again").isFalse();
        assertThat(testing.latest(ids[1])).extracting(TestTaskView::status).containsExactly(3, 4);
        assertThat(testing.latest(ids[1]).get(0).startedAt()).isEqualTo("2026-01-01T09:00:00.5");
        assertThatThrownBy(() -> testing.report(alts, 12345, result(true, List.of())))
                .isInstanceOf(NotFoundException.class);

        assertThat(testing.logs(ids[1]).get(0).url()).isNull();
        assertThat(runJobs()).isEqualTo(1);
        assertThat(a.artifactStore().content("build-" + ids[0] + "-test_log")).hasSize(1);
        assertThat(testing.logs(ids[1]).get(0).url()).endsWith("build-" + ids[0] + "-test_log/i.log");
    }

    @Test
    void theImportReadsTheTestsLogsAsTapAndTheLogsShowTheCasesUnderTheTestsId() throws Exception {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm");
        runJobs();
        long test = testing.poll(alts).get(0).bsTaskId();
        byte[] tap = "Exit code: 1\nStdout:\n\n1..3\nok 1 - a\nnot ok 2 - b\n# why\nok 3 - c # SKIP no\n"
                .getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write("1..1\nok 1 - zipped\n".getBytes(StandardCharsets.UTF_8));
        }
        a.artifactStore().uploadFile("/pulp/api/v3/artifacts/t1/", String.format("%064x", 1001), tap);
        a.artifactStore().uploadFile("/pulp/api/v3/artifacts/t2/", String.format("%064x", 1002), gz.toByteArray());
        a.artifactStore().uploadFile("/pulp/api/v3/artifacts/t3/", String.format("%064x", 1003),
                "ok 1 - not read\n".getBytes(StandardCharsets.UTF_8));
        testing.report(alts, test, result(false, List.of(
                Map.of("name", "tests_0_bash.tap.log", "href", "/pulp/api/v3/artifacts/t1/"),
                Map.of("name", "tests_1_zipped.log", "href", "/pulp/api/v3/artifacts/t2/"),
                Map.of("name", "install_package.log", "href", "/pulp/api/v3/artifacts/t3/"))));
        assertThat(testing.logs(ids[1])).allSatisfy(l -> {
            assertThat(l.id()).as("the test's id, as upstream").isEqualTo(test);
            assertThat(l.tapResults()).as("not read before the import").isEmpty();
            assertThat(l.success()).isNull();
        });
        assertThat(runJobs()).isEqualTo(1);
        List<TestLogView> logs = testing.logs(ids[1]);
        assertThat(logs).extracting(TestLogView::logName).containsExactly("tests_0_bash.tap.log",
                "tests_1_zipped.log", "install_package.log");
        assertThat(logs.get(0).tapResults()).containsExactly(new TestLogView.TapResult("a", 2, ""),
                new TestLogView.TapResult("b", 1, "# why"), new TestLogView.TapResult("c", 4, ""));
        assertThat(logs.get(0).success()).isFalse();
        assertThat(logs.get(0).logsFormat()).isEqualTo("tap");
        assertThat(logs.get(1).tapResults()).as("gunzipped").containsExactly(
                new TestLogView.TapResult("zipped", 2, ""));
        assertThat(logs.get(1).logsFormat()).isEqualTo("text");
        assertThat(logs.get(2).tapResults()).as("only tests_* logs are read, as upstream").isEmpty();
        assertThat(logs.get(2).logsFormat()).isNull();
        assertThat(logs).extracting(TestLogView::logId).doesNotHaveDuplicates().doesNotContain(test);
    }

    @Test
    void aLostLeaseComesBackAndTheLastOneFailsTheTest() {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm");
        runJobs();
        assertThat(testing.poll(alts)).hasSize(1);
        clock.advance(Duration.ofHours(6));
        assertThat(testing.poll(alts)).hasSize(1);
        clock.advance(Duration.ofHours(6));
        assertThat(testing.poll(alts)).isEmpty();
        TestTaskView t = testing.latest(ids[1]).get(0);
        assertThat(t.status()).isEqualTo(4);
        assertThat(t.error()).contains("no test system reported a result");
    }

    @Test
    void theSweeperFailsTestsWhoseLastLeaseRanOutWhenAltsNoLongerPolls() {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm");
        runJobs();
        testing.poll(alts);
        clock.advance(Duration.ofHours(6));
        testing.poll(alts);
        assertThat(testing.failExhaustedTestLeases(10).failed()).as("its lease has not run out").isEmpty();
        clock.advance(Duration.ofHours(6));
        assertThat(testing.failExhaustedTestLeases(10).failed()).hasSize(1);
        assertThat(testing.latest(ids[1]).get(0).status()).isEqualTo(4);
    }

    @Test
    void restartAndCancelFollowTheRules() {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm", "zsh-5.1-1.el9.x86_64.rpm");
        runJobs();
        List<TestTaskPayload> polled = testing.poll(alts);
        testing.report(alts, polled.get(0).bsTaskId(), result(false, List.of()));
        assertThatThrownBy(() -> testing.restartBuild(node, ids[0])).isInstanceOf(PermissionDeniedException.class);
        testing.restartBuild(alice, ids[0]);
        assertThat(testing.latest(ids[1])).extracting(TestTaskView::revision).containsOnly(2);
        assertThat(testing.revision(ids[1], 1)).extracting(TestTaskView::status).containsExactly(4, 2);
        assertThatThrownBy(() -> testing.revision(ids[1], 3)).isInstanceOf(NotFoundException.class);

        List<TestTaskPayload> second = testing.poll(alts);
        assertThat(second).hasSize(2);
        testing.restartBuildTask(alice, ids[1]);
        testing.cancelBuild(alice, ids[0]);
        assertThat(testing.latest(ids[1])).extracting(TestTaskView::status).containsOnly(5);
        assertThat(a.store().jobs()).filteredOn(j -> j.kind() == StoreJobKind.CANCEL_TESTS).hasSize(1);
        runJobs();
        assertThat(a.testSystem().cancels()).hasSize(1);
        assertThat(a.testSystem().cancels().get(0)).hasSize(3);
        assertThat(testing.revision(ids[1], 2)).extracting(TestTaskView::status).containsOnly(5);
        assertThat(testing.revision(ids[1], 1)).extracting(TestTaskView::status).containsExactly(4, 5);
    }

    @Test
    void aTestSystemThatStaysDownFailsTheCancellationJob() {
        long[] ids = finished("bash-5.1-1.el9.x86_64.rpm");
        runJobs();
        testing.poll(alts);
        a.testSystem().down(true);
        testing.cancelBuild(alice, ids[0]);
        for (int i = 0; i < 4; i++) {
            runJobs();
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(a.store().jobs()).filteredOn(j -> j.kind() == StoreJobKind.CANCEL_TESTS)
                .extracting(j -> j.status()).containsExactly(StoreJobStatus.FAILED);
        assertThat(testing.latest(ids[1]).get(0).status()).isEqualTo(2);
    }

    @Test
    void malformedResultsAreRefusedWithTheirPaths() {
        assertThatThrownBy(() -> TestResultCommand.of(Map.of("api_version", 3, "result", "x", "stats", 1)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(x -> x.path())
                        .containsExactly(List.of("api_version"), List.of("result"), List.of("stats")));
        assertThatThrownBy(() -> TestResultCommand.of(Map.of("api_version", "1", "result",
                Map.of("logs", List.of(Map.of("name", "../x", "href", "/h/")))))).isInstanceOf(InvalidInputException.class);
        Map<String, Object> noStats = new LinkedHashMap<>();
        noStats.put("api_version", "1");
        noStats.put("result", Map.of());
        noStats.put("stats", null);
        assertThat(TestResultCommand.of(noStats).stats()).isNull();
    }
}
