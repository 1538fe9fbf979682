package org.albs.application.builds;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.albs.application.builds.BuildRequests.task;
import static org.albs.application.builds.BuildRequests.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.BuildFilter;
import org.albs.application.port.in.builds.BuildPage;
import org.albs.application.port.in.builds.BuildPageQuery;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.builds.PingCommand;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.application.fakes.MutableClock;
import org.albs.application.fakes.Packages;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.NotHeldException;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildNodeServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(20);
    private static final String SHA = "a".repeat(64);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final LeaseTerms policy = new LeaseTerms(LEASE, 3);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(), a.platforms(),
            a.tx(), clock, policy, "http://pulp/pulp/content/builds");
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);

    private User alice;
    private User bob;
    private User node;
    private User node2;
    private Platform el9;

    /** Creates the build and lets the store jobs make its repositories (its tasks wait for them). */
    private BuildView create(User owner, CreateBuildCommand cmd) {
        BuildView b = builds.create(owner, cmd);
        a.runStoreJobs();
        return b;
    }

    @BeforeEach
    void seed() {
        alice = a.user("alice", false);
        bob = a.user("bob", false);
        node = a.user("node1", false);
        node2 = a.user("node2", false);
        el9 = a.platform("AlmaLinux-9", List.of("x86_64", "i686", "aarch64"));
    }

    private BuildView independent(User owner, String... packages) {
        return create(owner, build(platform("AlmaLinux-9", true, "x86_64"), packages));
    }

    private BuildView chained(User owner, String... packages) {
        return create(owner, build(platform("AlmaLinux-9", false, "x86_64"), packages));
    }

    private TaskPayload next(User who, String... arches) {
        return dispatch.nextTask(who, new GetTaskCommand(List.of(arches), null))
                .orElseThrow(() -> new AssertionError("no task for " + who.username()));
    }

    private List<Long> claimAll(User who, String... arches) {
        List<Long> ids = new ArrayList<>();
        while (true) {
            var t = dispatch.nextTask(who, new GetTaskCommand(List.of(arches), null));
            if (t.isEmpty()) {
                return ids;
            }
            ids.add(t.get().id());
        }
    }

    /** The node uploads its artifacts to the store (its own upload, before it reports). */
    private void upload(RawArtifact... artifacts) {
        for (RawArtifact r : artifacts) {
            a.artifactStore().upload(r.href(), r.sha256(), Packages.meta(r.name()));
        }
    }

    /** The node uploads its artifacts to the store, reports, and the import jobs run. */
    private void done(User who, long taskId, String status, RawArtifact... artifacts) {
        upload(artifacts);
        dispatch.buildDone(who, BuildDoneCommand.of(taskId, status, Arrays.asList(artifacts), null, null, null, null));
        a.runStoreJobs();
    }

    private static RawArtifact srpm(String name, String casHash) {
        return new RawArtifact(name, "rpm", "/pulp/api/v3/content/rpm/packages/1/", SHA, casHash);
    }

    private static RawArtifact log(String name) {
        return new RawArtifact(name, "build_log", "/pulp/api/v3/content/file/files/2/", SHA, null);
    }

    private BuildView view(long id) {
        return builds.get(id);
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    // ---- get_task ----

    @Test
    void aClaimedTaskCarriesEverythingTheNodeNeeds() {
        BuildView b = independent(alice, "bash");

        TaskPayload t = next(node, "x86_64", "src");

        assertThat(t.id()).isEqualTo(taskId(b, "src", 0));
        assertThat(t.arch()).isEqualTo("src");
        assertThat(t.buildId()).isEqualTo(b.id());
        assertThat(t.ref()).isEqualTo(new TaskPayload.Ref(BuildRequests.url("bash"), "c9", 1, null));
        assertThat(t.platform().name()).isEqualTo("AlmaLinux-9");
        assertThat(t.platform().type()).isEqualTo("rpm");
        assertThat(t.platform().data()).containsEntry("mock", Map.of("root", "AlmaLinux-9"));
        assertThat(t.createdBy()).isEqualTo(new TaskPayload.CreatedBy("alice", "alice@example.org"));
        assertThat(t.repositories()).as("a src build gets the repositories of the node's own arch: the platform's,"
                        + " then its build's")
                .extracting(TaskPayload.Repo::url)
                .containsExactly("https://repo.example.org/AlmaLinux-9/BaseOS/x86_64/os/",
                        "https://store.example.org/builds/AlmaLinux-9-x86_64-" + b.id() + "-br/",
                        "https://store.example.org/builds/AlmaLinux-9-x86_64-" + b.id() + "-debug-br/");
        assertThat(t.builtSrpmUrl()).isNull();
        assertThat(t.srpmHash()).isNull();
        assertThat(t.linkedBuilds()).isEmpty();

        BuildView.Task stored = task(view(b.id()), "src", 0);
        assertThat(stored.status()).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(stored.leaseHolder()).isEqualTo(node.id().value());
        assertThat(stored.leaseExpiresAt()).isEqualTo(utc(T0.plus(LEASE)));
        assertThat(stored.attempt()).isEqualTo(1);
        assertThat(stored.startedAt()).isEqualTo(utc(T0));
        assertThat(stored.history()).extracting(BuildView.HistoryEntry::event).containsExactly("CLAIM");
    }

    @Test
    void tasksOfOneOwnerGoOutOldestFirst() {
        BuildView b = independent(alice, "p0", "p1", "p2");

        assertThat(claimAll(node, "src")).containsExactly(taskId(b, "src", 0), taskId(b, "src", 1),
                taskId(b, "src", 2));
    }

    @Test
    void sourceTasksGoOnlyToNodesThatAskForSrc() {
        BuildView b = independent(alice, "bash");

        assertThat(dispatch.nextTask(node, new GetTaskCommand(List.of("x86_64", "i686"), null))).isEmpty();
        assertThat(dispatch.nextTask(node, new GetTaskCommand(List.of(), null))).isEmpty();
        assertThat(next(node, "src").id()).isEqualTo(taskId(b, "src", 0));
    }

    @Test
    void twoOwnersShareTheNodesFairly() {
        BuildView big = independent(alice, "a0", "a1", "a2", "a3");
        BuildView small = independent(bob, "b0", "b1");

        assertThat(claimAll(node, "src")).containsExactly(taskId(big, "src", 0), taskId(small, "src", 0),
                taskId(big, "src", 1), taskId(small, "src", 1), taskId(big, "src", 2), taskId(big, "src", 3));
    }

    @Test
    void aNodeNeverGetsItsExcludedPackages() {
        BuildView b = independent(alice, "kernel", "bash");

        TaskPayload t = dispatch.nextTask(node, new GetTaskCommand(List.of("src"), List.of(" Kernel ", ""))).orElseThrow();

        assertThat(t.id()).isEqualTo(taskId(b, "src", 1));
        assertThat(dispatch.nextTask(node, new GetTaskCommand(List.of("src"), List.of("kernel")))).isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOverWithTheNextAttemptAndTheReasonInTheHistory() {
        BuildView b = independent(alice, "bash", "zlib");
        long id = next(node, "src").id();
        clock.advance(LEASE.plusMinutes(1));

        TaskPayload t = next(node2, "src");

        assertThat(t.id()).as("expired leases go before ready tasks").isEqualTo(id);
        BuildView.Task stored = task(view(b.id()), "src", 0);
        assertThat(stored.attempt()).isEqualTo(2);
        assertThat(stored.leaseHolder()).isEqualTo(node2.id().value());
        assertThat(stored.leaseExpiresAt()).isEqualTo(utc(clock.instant().plus(LEASE)));
        assertThat(stored.history()).extracting(BuildView.HistoryEntry::event).containsExactly("CLAIM", "RECLAIM");
        BuildView.HistoryEntry reclaim = stored.history().get(1);
        assertThat(reclaim.node()).isEqualTo(node2.id().value());
        assertThat(reclaim.attempt()).isEqualTo(2);
        assertThat(reclaim.reason()).isEqualTo("lease of user " + node.id() + " expired at " + T0.plus(LEASE)
                + " (attempt 1 of 3)");
    }

    @Test
    void theLastExpiredLeaseFailsTheTaskAndTheNodeGetsTheNextOne() {
        BuildView b = independent(alice, "bash", "zlib");
        long first = next(node, "src").id();
        for (int attempt = 2; attempt <= 3; attempt++) {
            clock.advance(LEASE);
            assertThat(next(node2, "src").id()).isEqualTo(first);
        }
        clock.advance(LEASE);

        TaskPayload t = next(node2, "src");

        assertThat(t.id()).isEqualTo(taskId(b, "src", 1));
        BuildView.Task failed = task(view(b.id()), "src", 0);
        assertThat(failed.status()).isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.error()).startsWith("Build task failed: the lease of user " + node2.id() + " expired at")
                .contains("on attempt 3 of 3");
        assertThat(failed.finishedAt()).isEqualTo(utc(clock.instant()));
        assertThat(failed.history()).extracting(BuildView.HistoryEntry::event)
                .containsExactly("CLAIM", "RECLAIM", "RECLAIM", "LEASE_EXHAUSTED");
        assertThat(view(b.id()).openTasks()).isEqualTo(3);
        assertThat(next(node2, "x86_64").id()).as("its dependant was released").isEqualTo(taskId(b, "x86_64", 0));
    }

    @Test
    void theLastExpiredLeaseOfABuildFinishesTheBuild() {
        BuildView b = independent(alice, "bash");
        long src = next(node, "src").id();
        done(node, src, "done");
        long x86 = next(node, "x86_64").id();
        clock.advance(LEASE);
        next(node2, "x86_64");
        clock.advance(LEASE);
        next(node2, "x86_64");
        clock.advance(LEASE);

        assertThat(dispatch.nextTask(node2, new GetTaskCommand(List.of("x86_64"), null))).isEmpty();

        BuildView after = view(b.id());
        assertThat(task(after, "x86_64", 0).status()).isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(task(after, "x86_64", 0).id()).isEqualTo(x86);
        assertThat(after.openTasks()).isZero();
        assertThat(after.finishedAt()).isEqualTo(utc(clock.instant()));
    }

    @Test
    void failExhaustedLeasesFailsOnlyTasksOnTheirLastAttempt() {
        BuildNodeService oneShot = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(), a.platforms(), a.tx(),
                clock, new LeaseTerms(LEASE, 1), "http://pulp/");
        BuildView b = independent(alice, "bash", "zlib");
        long lost = next(node, "src").id();
        clock.advance(Duration.ofMinutes(10));
        long live = next(node, "src").id();
        clock.advance(Duration.ofMinutes(15));

        assertThat(dispatch.failExhaustedLeases(10).failed()).as("attempt 1 of 3 may still be taken over").isEmpty();
        assertThat(oneShot.failExhaustedLeases(10).failed()).containsExactly(lost);

        BuildView after = view(b.id());
        assertThat(task(after, "src", 0).id()).isEqualTo(lost);
        assertThat(task(after, "src", 0).status()).isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(task(after, "src", 1).id()).isEqualTo(live);
        assertThat(task(after, "src", 1).status()).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(after.openTasks()).isEqualTo(3);
        assertThat(next(node2, "x86_64").id()).isEqualTo(taskId(b, "x86_64", 0));
        assertThat(oneShot.failExhaustedLeases(10).failed()).isEmpty();
    }

    // ---- ping ----

    @Test
    void pingRenewsOnlyTheCallersOwnTasks() {
        BuildView b = independent(alice, "p0", "p1");
        long mine = next(node, "src").id();
        long theirs = next(node2, "src").id();
        clock.advance(Duration.ofMinutes(15));

        assertThat(dispatch.ping(node, new PingCommand(List.of(mine, theirs, 999L)))).isEqualTo(1);

        BuildView after = view(b.id());
        assertThat(task(after, "src", 0).leaseExpiresAt()).isEqualTo(utc(clock.instant().plus(LEASE)));
        assertThat(task(after, "src", 1).leaseExpiresAt()).isEqualTo(utc(T0.plus(LEASE)));
        clock.advance(Duration.ofMinutes(10));
        User node3 = a.user("node3", false);
        assertThat(next(node3, "src").id()).isEqualTo(theirs);
        assertThat(dispatch.nextTask(node3, new GetTaskCommand(List.of("src"), null))).isEmpty();
    }

    @Test
    void pingChecksItsInput() {
        assertThatThrownBy(() -> new PingCommand(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PingCommand(Arrays.asList(1L, null, 0L)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.path()).containsExactly(List.of("active_tasks", 1),
                                List.of("active_tasks", 2)));
        int before = a.tx().started();
        dispatch.ping(node, new PingCommand(List.of()));
        assertThat(a.tx().started()).as("nothing to renew, no transaction").isEqualTo(before);
    }

    // ---- build_done ----

    @Test
    void aReportForAnUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> done(node, 12345, "done")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSecondReportIsAConflict() {
        independent(alice, "bash");
        long id = next(node, "src").id();
        done(node, id, "done");

        assertThatThrownBy(() -> done(node, id, "failed")).isInstanceOf(NotHeldException.class);
    }

    @Test
    void aReportForATaskNeverHandedOutIsAConflict() {
        BuildView b = independent(alice, "bash");

        assertThatThrownBy(() -> done(node, taskId(b, "src", 0), "done"))
                .isInstanceOf(NotHeldException.class);
    }

    @Test
    void aReportFromANodeWhoseTaskWasTakenOverIsAConflict() {
        BuildView b = independent(alice, "bash");
        long id = next(node, "src").id();
        clock.advance(LEASE);
        next(node2, "src");

        assertThatThrownBy(() -> done(node, id, "done")).isInstanceOf(NotHeldException.class);
        assertThat(task(view(b.id()), "src", 0).status()).isEqualTo(BuildTaskStatus.STARTED.code());
        done(node2, id, "done");
        assertThat(task(view(b.id()), "src", 0).status()).isEqualTo(BuildTaskStatus.COMPLETED.code());
    }

    @Test
    void aReportAfterTheLeaseExpiredIsAcceptedWhenNobodyTookTheTask() {
        BuildView b = independent(alice, "bash");
        long id = next(node, "src").id();
        clock.advance(LEASE.multipliedBy(2));

        done(node, id, "done");

        assertThat(task(view(b.id()), "src", 0).status()).isEqualTo(BuildTaskStatus.COMPLETED.code());
    }

    @Test
    void aSourceBuildHandsItsSrpmToTheOtherTasksOfItsRefOnThePlatform() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", false, "x86_64", "i686"), "bash", "zlib"));
        long src = next(node, "src").id();

        upload(srpm("Bash-5.1-1.el9.src.rpm", "cas-abc"), log("mock.log"));
        dispatch.buildDone(node, BuildDoneCommand.of(src, "done", List.of(srpm("Bash-5.1-1.el9.src.rpm", "cas-abc"),
                        log("mock.log")), Map.of("build_node_task", Map.of("start_ts", "2026-01-01 09:59:00.000001")),
                "0123abcd", "commit-cas", true));
        a.runStoreJobs();

        String path = "AlmaLinux-9-src-" + b.id() + "-br/Packages/b/Bash-5.1-1.el9.src.rpm";
        BuildView after = view(b.id());
        for (String arch : List.of("src", "i686", "x86_64")) {
            assertThat(task(after, arch, 0).builtSrpmUrl()).as(arch).isEqualTo(path);
            assertThat(task(after, arch, 0).srpmHash()).as(arch).isEqualTo("cas-abc");
        }
        assertThat(task(after, "i686", 1).builtSrpmUrl()).isNull();
        BuildView.Task done = task(after, "src", 0);
        assertThat(done.status()).isEqualTo(BuildTaskStatus.COMPLETED.code());
        assertThat(done.startedAt()).as("the node's own start time").isEqualTo(LocalDateTime.parse("2026-01-01T09:59:00.000001"));
        assertThat(done.artifacts()).extracting(BuildView.Artifact::name)
                .containsExactly("Bash-5.1-1.el9.src.rpm", "mock.log");
        assertThat(done.artifactImports()).hasSize(1);
        assertThat(done.performanceStats()).hasSize(1);
        assertThat(done.performanceStats().get(0).statistics()).containsKeys("build_node_stats", "build_done_stats");
        assertThat(done.almaCommitCasHash()).isEqualTo("commit-cas");
        assertThat(done.isCasAuthenticated()).isTrue();
        assertThat(done.ref().gitCommitHash()).isEqualTo("0123abcd");

        TaskPayload i686 = next(node, "i686");
        assertThat(i686.id()).isEqualTo(taskId(b, "i686", 0));
        assertThat(i686.builtSrpmUrl()).isEqualTo("http://pulp/pulp/content/builds/" + path);
        assertThat(i686.srpmHash()).isEqualTo("cas-abc");
    }

    @Test
    void aSrpmReportedByALaterTaskDoesNotReplaceTheFirst() {
        BuildView b = independent(alice, "bash");
        done(node, next(node, "src").id(), "done", srpm("bash-1.src.rpm", "first"));
        long x86 = next(node, "x86_64").id();

        done(node, x86, "done", srpm("bash-2.src.rpm", "second"));

        assertThat(task(view(b.id()), "x86_64", 0).srpmHash()).isEqualTo("first");
    }

    @Test
    void aFailedSourceBuildFastFailsTheIdleTasksOfItsRef() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", false, "x86_64", "i686"), "bash", "zlib"));
        long src = next(node, "src").id();

        done(node, src, "failed", log("mock.log"));

        BuildView after = view(b.id());
        for (String arch : List.of("i686", "x86_64")) {
            BuildView.Task t = task(after, arch, 0);
            assertThat(t.status()).as(arch).isEqualTo(BuildTaskStatus.FAILED.code());
            assertThat(t.error()).as(arch).startsWith("Fast failed: SRPM build failed in the initial architecture (src)");
            assertThat(t.history()).extracting(BuildView.HistoryEntry::event).containsExactly("FAST_FAIL");
        }
        assertThat(task(after, "x86_64", 1).status()).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(after.openTasks()).isEqualTo(3);
        // the next ref's tasks still wait for their own src, and for nothing of the failed ref
        assertThat(claimAll(node, "i686", "x86_64")).isEmpty();
        long src1 = next(node, "src").id();
        done(node, src1, "done");
        assertThat(claimAll(node, "i686", "x86_64")).containsExactly(taskId(b, "i686", 1), taskId(b, "x86_64", 1));
    }

    @Test
    void aFailedSourceBuildThatProducedItsSrpmFailsNothingElse() {
        BuildView b = independent(alice, "bash");
        long src = next(node, "src").id();

        done(node, src, "failed", srpm("bash-1.src.rpm", "cas"));

        BuildView.Task x86 = task(view(b.id()), "x86_64", 0);
        assertThat(x86.status()).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(x86.builtSrpmUrl()).as("a failed build's SRPM is not used").isNull();
        assertThat(next(node, "x86_64").id()).isEqualTo(x86.id());
    }

    @Test
    void aFailedArchBuildAfterTheSrpmWasBuiltFailsNothingElse() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", false, "x86_64", "i686"), "bash"));
        done(node, next(node, "src").id(), "done", srpm("bash-1.src.rpm", "cas"));

        done(node, next(node, "i686").id(), "failed");

        assertThat(task(view(b.id()), "x86_64", 0).status()).isEqualTo(BuildTaskStatus.IDLE.code());
    }

    @Test
    void srpmsAndFastFailsStayOnTheirPlatform() {
        a.platform("AlmaLinux-8", List.of("x86_64"));
        BuildView b = create(alice, new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64"),
                platform("AlmaLinux-8", false, "x86_64")), List.of(BuildRequests.ref("bash")), null, null, null, null,
                null));
        List<BuildView.Task> srcs = b.tasks().stream().filter(t -> t.arch().equals("src")).toList();
        assertThat(srcs).extracting(t -> t.platform().name()).containsExactly("AlmaLinux-9", "AlmaLinux-8");

        done(node, next(node, "src").id(), "failed");
        done(node, next(node, "src").id(), "done", srpm("bash-1.src.rpm", "cas8"));

        BuildView after = view(b.id());
        BuildView.Task el9x86 = after.tasks().stream()
                .filter(t -> t.arch().equals("x86_64") && t.platform().name().equals("AlmaLinux-9")).findFirst().orElseThrow();
        BuildView.Task el8x86 = after.tasks().stream()
                .filter(t -> t.arch().equals("x86_64") && t.platform().name().equals("AlmaLinux-8")).findFirst().orElseThrow();
        assertThat(el9x86.status()).isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(el9x86.builtSrpmUrl()).isNull();
        assertThat(el8x86.status()).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(el8x86.builtSrpmUrl()).isEqualTo("AlmaLinux-8-src-" + b.id() + "-br/Packages/b/bash-1.src.rpm");
        TaskPayload t = next(node, "x86_64");
        assertThat(t.id()).isEqualTo(el8x86.id());
        assertThat(t.platform().name()).isEqualTo("AlmaLinux-8");
        assertThat(t.repositories()).as("its platform's repositories, then its build's on its platform only")
                .extracting(TaskPayload.Repo::name)
                .containsExactly("AlmaLinux-8-BaseOS", "AlmaLinux-8-x86_64-" + b.id() + "-br",
                        "AlmaLinux-8-x86_64-" + b.id() + "-debug-br");
    }

    @Test
    void anExcludedSourceBuildLetsTheArchTasksBuildFromGit() {
        BuildView b = independent(alice, "bash");

        done(node, next(node, "src").id(), "excluded");

        TaskPayload x86 = next(node, "x86_64");
        assertThat(x86.id()).isEqualTo(taskId(b, "x86_64", 0));
        assertThat(x86.builtSrpmUrl()).isNull();
    }

    @Test
    void getTaskChecksItsInput() {
        assertThatThrownBy(() -> new GetTaskCommand(null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new GetTaskCommand(List.of("x86_64", "X86 64"), Arrays.asList("ok", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.path()).containsExactly(List.of("supported_arches", 1),
                                List.of("excluded_packages", 1)));
        assertThat(new GetTaskCommand(List.of("src"), List.of(" kernel ", " ")).excludedPackages())
                .containsExactly("kernel");
    }

    @Test
    void theBuildFinishesWhenItsLastTaskEnds() {
        BuildView b = independent(alice, "bash");
        assertThat(b.openTasks()).isEqualTo(2);
        done(node, next(node, "src").id(), "done");
        BuildView half = view(b.id());
        assertThat(half.finishedAt()).isNull();
        assertThat(half.openTasks()).isEqualTo(1);
        long x86 = next(node, "x86_64").id();
        clock.advance(Duration.ofMinutes(5));

        done(node, x86, "excluded");

        BuildView after = view(b.id());
        assertThat(task(after, "x86_64", 0).status()).isEqualTo(BuildTaskStatus.EXCLUDED.code());
        assertThat(after.openTasks()).isZero();
        assertThat(after.finishedAt()).isEqualTo(utc(clock.instant()));
        assertThat(builds.page(new BuildPageQuery(1, new BuildFilter(null, null, null, null, null, false))).builds())
                .extracting(BuildView::id).containsExactly(b.id());
    }
}
