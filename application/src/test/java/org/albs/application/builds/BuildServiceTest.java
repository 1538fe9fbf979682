package org.albs.application.builds;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.albs.application.builds.BuildRequests.ref;
import static org.albs.application.builds.BuildRequests.task;
import static org.albs.application.builds.BuildRequests.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildFilter;
import org.albs.application.port.in.builds.BuildPage;
import org.albs.application.port.in.builds.BuildPageQuery;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.builds.PingCommand;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.application.fakes.MutableClock;
import org.albs.domain.ConflictException;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.RefType;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(), a.platforms(),
            a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://pulp/");

    private User alice;
    private User bob;
    private User admin;
    private User node;

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
        admin = a.user("admin", true);
        node = a.user("node", false);
        a.platform("AlmaLinux-9", List.of("x86_64", "i686", "aarch64"));
        a.platform("AlmaLinux-8", List.of("x86_64"));
    }

    private static CreateBuildCommand simple(String... packages) {
        return build(platform("AlmaLinux-9", false, "x86_64"), packages);
    }

    private static List<List<Object>> locs(InvalidInputException e) {
        return e.problems().stream().map(FieldProblem::path).toList();
    }

    private void rejected(java.util.function.Supplier<CreateBuildCommand> cmd, List<Object> loc) {
        assertThatThrownBy(() -> create(alice, cmd.get()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(locs(e)).contains(loc));
        assertThat(a.store().isEmpty()).as("nothing stored").isTrue();
    }

    private Optional<TaskPayload> next(String... arches) {
        return dispatch.nextTask(node, new GetTaskCommand(List.of(arches), null));
    }

    private void report(long taskId, String status) {
        dispatch.buildDone(node, BuildDoneCommand.of(taskId, status, List.of(), null, null, null, null));
    }

    /** Runs every task the node can get, each ending as {@code outcome} decides. */
    private void runAll(java.util.function.Function<TaskPayload, String> outcome) {
        for (Optional<TaskPayload> t = next("src", "x86_64"); t.isPresent(); t = next("src", "x86_64")) {
            report(t.get().id(), outcome.apply(t.get()));
        }
    }

    // ---- create ----

    @Test
    void aBuildIsStoredWithItsPlannedTasks() {
        BuildView b = create(alice, new CreateBuildCommand(
                List.of(platform("AlmaLinux-9", false, "x86_64", "i686")),
                List.of(ref("bash"), new CreateBuildCommand.RefEntry(BuildRequests.url("zlib"), "c9-beta", RefType.GIT_TAG,
                        "abc", Map.of("definitions", Map.of("x", "y")), null, false)),
                null, Map.of("definitions", Map.of("vendor", "Test")), null, true, null));

        assertThat(b.owner()).as("no e-mail: builds are public")
                .isEqualTo(new BuildView.Owner(alice.id().value(), "alice", null));
        assertThat(b.createdAt()).isEqualTo(LocalDateTime.ofInstant(T0, ZoneOffset.UTC));
        assertThat(b.finishedAt()).isNull();
        assertThat(b.isSecureBoot()).isTrue();
        assertThat(b.mockOptions()).isEqualTo(Map.of("definitions", Map.of("vendor", "Test")));
        assertThat(b.tasks()).extracting(BuildView.Task::arch)
                .containsExactly("src", "src", "i686", "i686", "x86_64", "x86_64");
        assertThat(b.tasks()).extracting(BuildView.Task::index).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(b.tasks()).allSatisfy(t -> assertThat(t.status()).isEqualTo(BuildTaskStatus.IDLE.code()));
        assertThat(b.openTasks()).isEqualTo(6);
        BuildView.Task zlib = task(b, "x86_64", 1);
        assertThat(zlib.ref().refType()).isEqualTo(2);
        assertThat(zlib.ref().gitCommitHash()).isEqualTo("abc");
        assertThat(zlib.mockOptions()).isEqualTo(Map.of("definitions", Map.of("x", "y")));
        assertThat(zlib.platform().name()).isEqualTo("AlmaLinux-9");
    }

    @Test
    void anUnknownPlatformIsRejectedAndNothingIsStored() {
        rejected(() -> build(platform("Fedora-40", false, "x86_64"), "bash"), List.of("platforms", 0, "name"));
    }

    @Test
    void anArchThePlatformDoesNotHaveIsRejected() {
        rejected(() -> new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64"),
                        platform("AlmaLinux-8", false, "x86_64", "aarch64")), List.of(ref("bash")), null, null, null,
                        null, null),
                List.of("platforms", 1, "arch_list", 1));
    }

    @Test
    void onlyBuildableArchesMayBeAskedFor() {
        rejected(() -> build(platform("AlmaLinux-9", false, "src"), "bash"), List.of("platforms", 0, "arch_list", 0));
        rejected(() -> build(platform("AlmaLinux-9", false, "x86_64", "x86_64"), "bash"),
                List.of("platforms", 0, "arch_list", 1));
    }

    @Test
    void moduleRefsAreRejected() {
        rejected(() -> new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")),
                        List.of(ref("bash"), new CreateBuildCommand.RefEntry(BuildRequests.url("nodejs"), "c9", null,
                                null, null, null, true)), null, null, null, null, null),
                List.of("tasks", 1));
    }

    @Test
    void refsNeedAnHttpUrl() {
        rejected(() -> new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")),
                List.of(new CreateBuildCommand.RefEntry("ftp://example.org/bash.git", "c9", null, null, null, null,
                        false)), null, null, null, null, null), List.of("tasks", 0, "url"));
    }

    @Test
    void aRefWithoutARefTypeIsAGitBranch() {
        BuildView b = create(alice, new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")),
                List.of(new CreateBuildCommand.RefEntry(BuildRequests.url("bash"), "c9", null, null, null, null, false),
                        new CreateBuildCommand.RefEntry(BuildRequests.url("zlib"), "c9", RefType.GIT_REF, null, null,
                                null, false)), null, null, null, null, null));
        assertThat(b.tasks()).extracting(t -> t.ref().refType()).containsExactly(1, 4, 1, 4);
    }

    @Test
    void emptyRequestsAreRejectedWithEveryProblem() {
        assertThatThrownBy(() -> create(alice, new CreateBuildCommand(null, List.of(), null, null, null, null,
                null))).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(locs(e))
                .containsExactly(List.of("platforms"), List.of("tasks")));
    }

    @Test
    void linkedBuildsMustExist() {
        BuildView first = create(alice, simple("bash"));

        assertThatThrownBy(() -> create(alice, new CreateBuildCommand(
                List.of(platform("AlmaLinux-9", false, "x86_64")), List.of(ref("zlib")),
                List.of(first.id(), 999L), null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(locs(e)).containsExactly(List.of("linked_builds"));
                    assertThat(e.problems().get(0).msg()).contains("[999]");
                });
        assertThat(builds.page(new BuildPageQuery(1, new BuildFilter(null, null, null, null, null, null))).totalBuilds()).isEqualTo(1);

        BuildView linked = create(alice, new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")),
                List.of(ref("zlib")), List.of(first.id(), first.id()), null, null, null, null));
        assertThat(linked.linkedBuilds()).containsExactly(first.id());
    }

    @Test
    void aBuildOfTooManyTasksIsRejected() {
        // 6,251 refs x (7 arches + src) = 50,008 tasks
        List<CreateBuildCommand.RefEntry> refs = new ArrayList<>(Collections.nCopies(6_251, ref("bash")));
        assertThatThrownBy(() -> create(alice, new CreateBuildCommand(List.of(platform("AlmaLinux-9", false,
                "x86_64", "x86_64_v2", "i686", "aarch64", "ppc64le", "s390x", "riscv64")), refs, null, null, null,
                null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(locs(e)).containsExactly(List.of("tasks"));
                    assertThat(e.getMessage()).contains("50008");
                });
        assertThat(a.store().isEmpty()).isTrue();
    }

    @Test
    void aBuildsFlavoursAreShownAndReachItsTasksWithTheirRepositoriesOfTheTaskArch() {
        org.albs.domain.platform.Repository x86 = a.tx().inTransaction(() -> a.repositories().upsert(
                new org.albs.domain.platform.Repository(null, "beta-extra", "x86_64", "https://beta/x86_64/", "rpm",
                        false, 10, false, true, null, null, null)));
        org.albs.domain.platform.Repository arm = a.tx().inTransaction(() -> a.repositories().upsert(
                new org.albs.domain.platform.Repository(null, "beta-extra", "aarch64", "https://beta/aarch64/",
                        "rpm", false, 10, false, true, null, null, null)));
        long flavour = a.tx().inTransaction(() -> a.flavours().insert(new org.albs.domain.platform.PlatformFlavour(
                null, "AlmaLinux-9-beta", List.of(x86, arm), null,
                Map.of("definitions", Map.of("dist", ".el9.beta"))))).id();
        BuildView b = create(alice, new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")),
                List.of(ref("bash")), null, null, List.of(flavour), null, null));
        assertThat(b.platformFlavors()).containsExactly(new BuildView.Flavour(flavour, "AlmaLinux-9-beta"));
        TaskPayload src = next("x86_64", "src").orElseThrow();
        assertThat(src.repositories()).extracting(TaskPayload.Repo::url).contains("https://beta/x86_64/")
                .doesNotContain("https://beta/aarch64/");
        assertThat(src.platform().data()).extracting("definitions").extracting("dist").isEqualTo(".el9.beta");
    }

    @Test
    void unknownPlatformFlavoursAreRejected() {
        rejected(() -> new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")), List.of(ref("bash")),
                null, null, List.of(1L), null, null), List.of("platform_flavors"));
    }

    // ---- read ----

    @Test
    void anUnknownBuildIsNotFound() {
        assertThatThrownBy(() -> builds.get(42)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pagesHoldTenBuildsNewestFirst() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(create(i % 2 == 0 ? alice : bob, simple("p" + i)).id());
        }

        BuildPage first = builds.page(new BuildPageQuery(1, new BuildFilter(null, null, null, null, null, null)));
        BuildPage second = builds.page(new BuildPageQuery(2, new BuildFilter(null, null, null, null, null, null)));
        List<Long> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(first.builds()).extracting(BuildView::id).containsExactlyElementsOf(newestFirst.subList(0, 10));
        assertThat(first.totalBuilds()).isEqualTo(12);
        assertThat(second.builds()).extracting(BuildView::id).containsExactly(ids.get(1), ids.get(0));
        assertThat(second.currentPage()).isEqualTo(2);
        assertThat(builds.page(new BuildPageQuery(1, new BuildFilter(bob.id().value(), "p1", null, null, null, null))).builds())
                .extracting(BuildView::id).containsExactly(ids.get(11), ids.get(1));
        assertThatThrownBy(() -> builds.page(new BuildPageQuery(0, new BuildFilter(null, null, null, null, null, null))))
                .isInstanceOf(InvalidInputException.class);
    }

    // ---- restart ----

    @Test
    void sequentialRestartPutsFailedTasksBackOneAfterAnother() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", true, "x86_64"), "bash", "zlib", "glibc"));
        runAll(t -> t.ref().url().contains("glibc") ? "done" : "failed"); // a failed src fast-fails its arch task
        BuildView failed = builds.get(b.id());
        assertThat(failed.finishedAt()).isNotNull();
        clock.advance(Duration.ofMinutes(5));

        builds.restartFailed(alice, b.id(), false);

        BuildView restarted = builds.get(b.id());
        assertThat(restarted.finishedAt()).isNull();
        assertThat(restarted.openTasks()).isEqualTo(4);
        BuildView.Task src = task(restarted, "src", 0);
        assertThat(src.status()).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(src.attempt()).isZero();
        assertThat(src.error()).isNull();
        assertThat(src.finishedAt()).isNull();
        assertThat(src.history()).extracting(BuildView.HistoryEntry::event).endsWith("RESTART");
        assertThat(task(restarted, "x86_64", 0).error()).as("fast-failed, now idle").isNull();
        assertThat(task(restarted, "src", 2).status()).isEqualTo(BuildTaskStatus.COMPLETED.code());
        assertThat(task(restarted, "x86_64", 2).status()).isEqualTo(BuildTaskStatus.COMPLETED.code());

        List<Long> order = new ArrayList<>();
        for (Optional<TaskPayload> t = next("src", "x86_64"); t.isPresent(); t = next("src", "x86_64")) {
            assertThat(next("src", "x86_64")).as("one at a time").isEmpty();
            order.add(t.get().id());
            report(t.get().id(), "done");
        }
        assertThat(order).containsExactly(taskId(b, "src", 0), taskId(b, "x86_64", 0), taskId(b, "src", 1),
                taskId(b, "x86_64", 1));
        assertThat(builds.get(b.id()).finishedAt()).isEqualTo(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    @Test
    void parallelRestartRunsAnArchTaskAndTheNextSourceTaskSideBySide() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", true, "x86_64"), "bash", "zlib"));
        runAll(t -> "failed");

        builds.restartFailed(alice, b.id(), true);

        assertThat(builds.get(b.id()).openTasks()).isEqualTo(4);
        assertThat(wave()).containsExactly(taskId(b, "src", 0));
        report(taskId(b, "src", 0), "done");
        assertThat(wave()).as("each arch keeps its order; the refs overlap")
                .containsExactly(taskId(b, "src", 1), taskId(b, "x86_64", 0));
    }

    @Test
    void sequentialRestartRunsOneTaskAtATime() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", true, "x86_64"), "bash", "zlib"));
        runAll(t -> "failed");

        builds.restartFailed(alice, b.id(), false);

        assertThat(wave()).containsExactly(taskId(b, "src", 0));
        report(taskId(b, "src", 0), "done");
        assertThat(wave()).containsExactly(taskId(b, "x86_64", 0));
    }

    /** Claims every task ready now. */
    private List<Long> wave() {
        List<Long> claimed = new ArrayList<>();
        for (Optional<TaskPayload> t = next("src", "x86_64"); t.isPresent(); t = next("src", "x86_64")) {
            claimed.add(t.get().id());
        }
        return claimed;
    }

    @Test
    void restartClearsTheSrpmOnlyWhenTheWholeRefFailed() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", false, "x86_64", "i686"), "bash"));
        long src = next("src").orElseThrow().id();
        a.artifactStore().upload("/href/", "b".repeat(64), org.albs.application.fakes.Packages.meta("bash-1-1.src.rpm"));
        dispatch.buildDone(node, BuildDoneCommand.of(src, "done", List.of(new BuildDoneCommand.RawArtifact(
                "bash-1.src.rpm", "rpm", "/href/", "b".repeat(64), "cas")), null, null, null, null));
        a.runStoreJobs();
        report(next("i686").orElseThrow().id(), "failed");
        report(next("x86_64").orElseThrow().id(), "failed");

        builds.restartFailed(alice, b.id(), false);

        assertThat(task(builds.get(b.id()), "i686", 0).builtSrpmUrl()).isNotNull();
        assertThat(next("i686").orElseThrow().builtSrpmUrl()).startsWith("http://pulp/AlmaLinux-9-src-");
    }

    @Test
    void aTaskFailedByItsLastLeaseGetsAFreshAttemptBudget() {
        BuildNodeService oneShot = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(), a.platforms(), a.tx(),
                clock, new LeaseTerms(Duration.ofMinutes(20), 1), "http://pulp/");
        BuildView b = create(alice, simple("bash"));
        next("src");
        clock.advance(Duration.ofMinutes(20));
        assertThat(oneShot.failExhaustedLeases(10).failed()).hasSize(1);
        report(next("x86_64").orElseThrow().id(), "done");
        assertThat(builds.get(b.id()).finishedAt()).isNotNull();

        builds.restartFailed(alice, b.id(), false);

        BuildView.Task src = task(builds.get(b.id()), "src", 0);
        assertThat(src.status()).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(src.attempt()).isZero();
        assertThat(src.leaseHolder()).isNull();
        assertThat(oneShot.nextTask(node, new GetTaskCommand(List.of("src"), null)).orElseThrow().id())
                .isEqualTo(src.id());
        assertThat(task(builds.get(b.id()), "src", 0).attempt()).isEqualTo(1);
    }

    @Test
    void restartingABuildWithoutFailuresChangesNothing() {
        BuildView b = create(alice, simple("bash"));
        runAll(t -> "done");
        BuildView before = builds.get(b.id());

        builds.restartFailed(alice, b.id(), false);

        assertThat(builds.get(b.id())).isEqualTo(before);
    }

    @Test
    void onlyTheOwnerOrASuperuserMayRestart() {
        BuildView b = create(alice, simple("bash"));
        runAll(t -> "failed");

        assertThatThrownBy(() -> builds.restartFailed(bob, b.id(), false)).isInstanceOf(PermissionDeniedException.class);
        assertThat(builds.get(b.id()).openTasks()).isZero();
        assertThatThrownBy(() -> builds.restartFailed(alice, 999, false)).isInstanceOf(NotFoundException.class);
        builds.restartFailed(admin, b.id(), false);
        assertThat(builds.get(b.id()).openTasks()).isEqualTo(2);
    }

    // ---- cancel ----

    @Test
    void cancelStopsIdleTasksAndLetsStartedOnesFinish() {
        BuildView b = create(alice, build(platform("AlmaLinux-9", true, "x86_64"), "bash", "zlib"));
        long running = next("src").orElseThrow().id();

        builds.cancel(alice, b.id());

        BuildView cancelled = builds.get(b.id());
        assertThat(cancelled.openTasks()).isEqualTo(1);
        assertThat(cancelled.finishedAt()).isNull();
        assertThat(task(cancelled, "src", 0).status()).isEqualTo(BuildTaskStatus.STARTED.code());
        for (String arch : List.of("src", "x86_64")) {
            BuildView.Task t = task(cancelled, arch, 1);
            assertThat(t.status()).isEqualTo(BuildTaskStatus.CANCELLED.code());
            assertThat(t.error()).isEqualTo("Build task cancelled by user");
            assertThat(t.history()).extracting(BuildView.HistoryEntry::node).containsExactly(alice.id().value());
        }
        assertThat(task(cancelled, "x86_64", 0).status()).isEqualTo(BuildTaskStatus.CANCELLED.code());
        assertThat(next("src", "x86_64")).isEmpty();

        report(running, "done");
        assertThat(builds.get(b.id()).finishedAt()).isNotNull();
        assertThat(next("src", "x86_64")).isEmpty();
    }

    @Test
    void onlyTheOwnerOrASuperuserMayCancel() {
        BuildView b = create(alice, simple("bash"));

        assertThatThrownBy(() -> builds.cancel(bob, b.id())).isInstanceOf(PermissionDeniedException.class);
        assertThat(builds.get(b.id()).openTasks()).isEqualTo(2);
        assertThatThrownBy(() -> builds.cancel(bob, 999)).isInstanceOf(NotFoundException.class);
        builds.cancel(admin, b.id());
        assertThat(builds.get(b.id()).finishedAt()).isNotNull();
    }

    // ---- delete ----

    @Test
    void deleteRemovesTheBuildAndEverythingInIt() {
        BuildView b = create(alice, simple("bash"));
        BuildView other = create(bob, new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")),
                List.of(ref("zlib")), List.of(b.id()), null, null, null, null));
        long src = next("src").orElseThrow().id();

        builds.delete(alice, b.id());

        assertThatThrownBy(() -> builds.get(b.id())).isInstanceOf(NotFoundException.class);
        assertThat(a.store().tasksOf(b.id())).isEmpty();
        assertThat(builds.get(other.id()).linkedBuilds()).isEmpty();
        assertThatThrownBy(() -> report(src, "done")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteIsForTheOwnerOrASuperuserAndNeverForReleasedBuilds() {
        BuildView b = create(alice, simple("bash"));
        BuildView released = create(alice, simple("zlib"));
        a.store().markReleased(released.id());

        assertThatThrownBy(() -> builds.delete(alice, 999)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> builds.delete(bob, b.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> builds.delete(alice, released.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> builds.delete(admin, released.id())).isInstanceOf(ConflictException.class);
        builds.delete(admin, b.id());
        assertThat(builds.page(new BuildPageQuery(1, new BuildFilter(null, null, null, null, null, null))).builds())
                .extracting(BuildView::id).containsExactly(released.id());
    }
}
