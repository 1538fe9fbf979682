package org.albs.application.artifacts;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.albs.application.builds.BuildRequests.task;
import static org.albs.application.builds.BuildRequests.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.MutableClock;
import org.albs.application.fakes.Packages;
import org.albs.application.port.in.artifacts.StoreJobPage;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.ConflictException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The artifact-store jobs over in-memory adapters: what lands where, how often the store is called, what fails. */
class StoreJobServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(), a.platforms(),
            a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://pulp/pulp/content/builds");
    private final StoreJobService jobs = a.storeJobService();
    private UserId worker;
    private User alice;
    private User admin;
    private User node;
    private int sha = 0;

    @BeforeEach
    void seed() {
        alice = a.user("alice", false);
        admin = a.user("admin", true);
        node = a.user("node", false);
        a.platform("AlmaLinux-9", List.of("x86_64", "i686", "aarch64"));
        worker = jobs.newWorker();
    }

    private int runJobs() {
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    private BuildView create(boolean independent, String... arches) {
        BuildView b = builds.create(alice, build(platform("AlmaLinux-9", independent, arches), "bash"));
        runJobs();
        return b;
    }

    private Optional<TaskPayload> next(String... arches) {
        return dispatch.nextTask(node, new GetTaskCommand(List.of(arches), null));
    }

    /** A package the node built and uploaded: a fresh checksum each, its header from its name. */
    private RawArtifact rpm(String name) {
        RawArtifact r = new RawArtifact(name, "rpm", "/pulp/api/v3/artifacts/" + name + "/",
                String.format("%064x", ++sha), null);
        a.artifactStore().upload(r.href(), r.sha256(), Packages.meta(name));
        return r;
    }

    private RawArtifact log(String name) {
        RawArtifact r = new RawArtifact(name, "build_log", "/pulp/api/v3/artifacts/" + name + "/",
                String.format("%064x", ++sha), null);
        a.artifactStore().upload(r.href(), r.sha256(), null);
        return r;
    }

    private void report(long taskId, String status, RawArtifact... artifacts) {
        dispatch.buildDone(node, BuildDoneCommand.of(taskId, status, List.of(artifacts), null, null, null, null));
    }

    private List<String> callsSince(int from) {
        return a.artifactStore().calls().subList(from, a.artifactStore().calls().size());
    }

    private StoreJob job(StoreJobKind kind) {
        return a.store().jobs().stream().filter(j -> j.kind() == kind).reduce((x, y) -> y).orElseThrow();
    }

    // ---- repositories --------------------------------------------------------------------------------------

    @Test
    void aBuildsTasksWaitUntilItsRepositoriesExist() {
        BuildView b = builds.create(alice, build(platform("AlmaLinux-9", true, "x86_64", "i686"), "bash"));
        assertThat(next("src", "x86_64", "i686")).as("no repositories yet").isEmpty();

        assertThat(runJobs()).isEqualTo(1);

        assertThat(a.artifactStore().repositoryNames()).containsExactlyInAnyOrder("build-" + b.id() + "-build_log",
                "build-" + b.id() + "-test_log", "AlmaLinux-9-x86_64-" + b.id() + "-br",
                "AlmaLinux-9-x86_64-" + b.id() + "-debug-br", "AlmaLinux-9-i686-" + b.id() + "-br",
                "AlmaLinux-9-i686-" + b.id() + "-debug-br", "AlmaLinux-9-src-" + b.id() + "-br");
        assertThat(next("src", "x86_64", "i686")).isPresent();
    }

    @Test
    void aStoreThatDoesNotAnswerDelaysTheRepositoriesWithBackOffAndCreatesEachOnce() {
        BuildView b = builds.create(alice, build(platform("AlmaLinux-9", true, "x86_64"), "bash"));
        a.artifactStore().failNextCallOf("createRepository",
                new ArtifactStoreException("Pulp did not answer POST repositories/rpm/rpm/ (timeout)", true));
        runJobs();
        // the first repository (build logs) was made; the second failed and the job backs off for 5 s
        StoreJob backedOff = job(StoreJobKind.CREATE_REPOSITORIES);
        assertThat(backedOff.status()).isEqualTo(StoreJobStatus.RUNNING);
        assertThat(backedOff.state().error()).contains("timeout");
        assertThat(next("src", "x86_64")).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        runJobs();

        assertThat(job(StoreJobKind.CREATE_REPOSITORIES).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(job(StoreJobKind.CREATE_REPOSITORIES).state().attempt()).isEqualTo(2);
        assertThat(a.artifactStore().calls().stream().filter(c -> c.startsWith("create ")))
                .as("each repository created once").doesNotHaveDuplicates().hasSize(5);
        assertThat(next("src", "x86_64")).isPresent();
        assertThat(b.id()).isPositive();
    }

    // ---- imports -------------------------------------------------------------------------------------------

    @Test
    void packagesLandInTheirRepositoriesWithOneChangeAndOnePublicationPerRepository() {
        BuildView b = create(true, "x86_64");
        long id = b.id();
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"), log("src.log"));
        runJobs();
        int before = a.artifactStore().calls().size();
        report(next("x86_64").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.x86_64.rpm"),
                rpm("bash-debuginfo-5.1-1.el9.x86_64.rpm"), rpm("bash-debugsource-5.1-1.el9.x86_64.rpm"),
                rpm("bash-doc-5.1-1.el9.noarch.rpm"), rpm("bash-5.1-1.el9.src.rpm"), log("build.log"),
                log("mock_root.log"));
        runJobs();

        List<String> calls = callsSince(before);
        System.out.println("store calls for one reported task with 5 packages (one the ref's SRPM, not"
                + " imported again) and 2 logs: " + calls.size() + " " + calls);
        assertThat(calls.stream().filter(c -> c.startsWith("content "))).as("one content creation per new artifact")
                .hasSize(6);
        assertThat(calls).contains("change AlmaLinux-9-x86_64-" + id + "-br +2 -0",
                "change AlmaLinux-9-x86_64-" + id + "-debug-br +2 -0", "change build-" + id + "-build_log +2 -0");
        assertThat(calls.stream().filter(c -> c.startsWith("change "))).hasSize(3);
        assertThat(calls.stream().filter(c -> c.startsWith("publish "))).hasSize(3);
        assertThat(a.artifactStore().content("AlmaLinux-9-src-" + id + "-br")).hasSize(1);
        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(task(builds.get(id), "x86_64", 0).artifactImports()).extracting(BuildView.ArtifactImport::state)
                .containsExactly("done");
    }

    @Test
    void aTasksDependantsWaitUntilItsPackagesAreInTheRepositories() {
        BuildView b = builds.create(alice, build(platform("AlmaLinux-9", false, "x86_64"), "bash", "zlib"));
        runJobs();
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        runJobs();
        report(next("src").orElseThrow().id(), "done", rpm("zlib-1.2-1.el9.src.rpm"));
        runJobs();
        report(next("x86_64").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.x86_64.rpm"));

        assertThat(next("x86_64")).as("zlib builds against bash: not before bash is imported").isEmpty();
        runJobs();
        assertThat(next("x86_64").orElseThrow().id()).isEqualTo(taskId(b, "x86_64", 1));
    }

    @Test
    void aChecksumMismatchFailsTheTaskAndItsRefsWaitingTasks() {
        BuildView b = create(false, "x86_64", "i686");
        RawArtifact srpm = rpm("bash-5.1-1.el9.src.rpm");
        RawArtifact lying = new RawArtifact(srpm.name(), "rpm", srpm.href(), "f".repeat(64), null);
        report(next("src").orElseThrow().id(), "done", lying);
        runJobs();

        BuildView after = builds.get(b.id());
        assertThat(task(after, "src", 0).status()).isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(task(after, "src", 0).error()).contains("checksum mismatch for bash-5.1-1.el9.src.rpm")
                .contains("f".repeat(64));
        assertThat(task(after, "x86_64", 0).status()).as("fast-failed").isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(task(after, "i686", 0).status()).isEqualTo(BuildTaskStatus.FAILED.code());
        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).status()).isEqualTo(StoreJobStatus.FAILED);
        assertThat(a.artifactStore().calls()).noneMatch(c -> c.startsWith("change AlmaLinux-9-src"));
    }

    @Test
    void anArtifactTheStoreDoesNotHaveOrTwoArtifactsWithOneNameFailTheTaskClearly() {
        BuildView b = create(true, "x86_64", "i686");
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        runJobs();
        report(next("x86_64").orElseThrow().id(), "done", new RawArtifact("bash-5.1-1.el9.x86_64.rpm", "rpm",
                "/pulp/api/v3/artifacts/nope/", "1".repeat(64), null));
        long i686 = next("i686").orElseThrow().id();
        RawArtifact twice = rpm("bash-5.1-1.el9.i686.rpm");
        assertThatThrownBy(() -> report(i686, "done", twice, log("x.log"), twice))
                .as("a report naming one artifact twice is refused whole, before anything is written")
                .isInstanceOf(org.albs.domain.InvalidInputException.class).hasMessageContaining("reported twice");
        runJobs();

        BuildView after = builds.get(b.id());
        assertThat(task(after, "x86_64", 0).error()).contains("Object does not exist");
        assertThat(task(after, "i686", 0).status()).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(a.storeJobService().find(admin, Optional.of("failed"), Optional.empty(), Optional.of(b.id()), 1)
                .jobs()).hasSize(1);
        assertThat(a.artifactStore().content("AlmaLinux-9-i686-" + b.id() + "-br")).as("nothing half-imported")
                .isEmpty();
    }

    @Test
    void aJobInterruptedAfterStartingAChangeWaitsForThatChangeInsteadOfStartingItAgain() {
        BuildView b = create(true, "x86_64");
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        runJobs();
        report(next("x86_64").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.x86_64.rpm"), log("l.log"));
        // the worker dies while waiting for the first change: the store never tells it the change ended
        a.artifactStore().failNextCallOf("startPublication",
                new ArtifactStoreException("connection reset", true));
        runJobs();
        StoreJob stuck = job(StoreJobKind.IMPORT_ARTIFACTS);
        assertThat(stuck.status()).isEqualTo(StoreJobStatus.RUNNING);
        assertThat(stuck.isDone("change:AlmaLinux-9-x86_64-" + b.id() + "-br")).isTrue();

        clock.advance(Duration.ofMinutes(1));
        UserId other = jobs.newWorker();
        assertThat(jobs.workOnce(other)).isTrue();

        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(a.artifactStore().calls().stream().filter(c -> c.startsWith("change AlmaLinux-9-x86_64")))
                .as("no change repeated").hasSize(1);
        assertThat(a.artifactStore().calls().stream().filter(c -> c.startsWith("content bash-5.1-1.el9.x86_64")))
                .as("no content created twice").hasSize(1);
    }

    @Test
    void aWorkerThatLostItsJobWritesNothingMore() {
        create(true, "x86_64");
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        a.artifactStore().failNextCallOf("await", new ArtifactStoreException("timeout", true));
        runJobs();
        StoreJob started = job(StoreJobKind.IMPORT_ARTIFACTS);
        assertThat(started.steps().values()).anyMatch(v -> v.startsWith("started:"));
        clock.advance(Duration.ofMinutes(10));
        UserId second = jobs.newWorker();
        assertThat(jobs.workOnce(second)).isTrue();
        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).state().lease().heldBy(second)).isTrue();
        assertThat(a.store().jobs().stream().filter(j -> j.kind() == StoreJobKind.IMPORT_ARTIFACTS)).hasSize(1);
    }

    @Test
    void eachRecordedStepRenewsTheJobsLease() {
        create(true, "x86_64");
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        Instant claimed = clock.instant();
        // the content takes three minutes to make; what is stored when the repository change starts?
        a.artifactStore().beforeNextCallOf("startContent", () -> clock.advance(Duration.ofMinutes(3)));
        java.util.concurrent.atomic.AtomicReference<org.albs.domain.lease.Lease> atChange =
                new java.util.concurrent.atomic.AtomicReference<>();
        a.artifactStore().beforeNextCallOf("startChange",
                () -> atChange.set(job(StoreJobKind.IMPORT_ARTIFACTS).state().lease()));
        runJobs();
        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).state().startedAt()).isEqualTo(claimed);
        assertThat(atChange.get().renewedAt()).as("renewed by the steps recorded after the content")
                .isEqualTo(claimed.plus(Duration.ofMinutes(3)));
        assertThat(atChange.get().expiresAt()).isEqualTo(claimed.plus(Duration.ofMinutes(8)));
    }

    @Test
    void aWorkerInterruptedByItsServerShuttingDownReleasesItsJobAtOnce() {
        create(true, "x86_64");
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        a.artifactStore().interruptNextCallOf("startChange");
        try {
            jobs.workOnce(worker);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the worker's loop").isTrue();
        }
        StoreJob released = job(StoreJobKind.IMPORT_ARTIFACTS);
        assertThat(released.state().lease().expiresAt()).isEqualTo(clock.instant());
        assertThat(released.state().error()).startsWith("released: the server shut down");
        UserId other = jobs.newWorker();
        assertThat(jobs.workOnce(other)).as("taken over without waiting for the lease").isTrue();
        assertThat(job(StoreJobKind.IMPORT_ARTIFACTS).status()).isEqualTo(StoreJobStatus.DONE);
    }

    // ---- noarch and multilib -------------------------------------------------------------------------------

    private BuildView builtOnBothArches(String i686Status, boolean x86First) {
        BuildView b = create(true, "x86_64", "i686");
        report(next("src").orElseThrow().id(), "done", rpm("glibc-2.34-1.el9.src.rpm"));
        runJobs();
        long x86 = next("x86_64").orElseThrow().id();
        long i686 = next("i686").orElseThrow().id();
        Runnable x86Done = () -> report(x86, "done", rpm("glibc-2.34-1.el9.x86_64.rpm"),
                rpm("glibc-doc-2.34-1.el9.noarch.rpm"));
        Runnable i686Done = () -> report(i686, i686Status, i686Status.equals("done")
                ? new RawArtifact[] {rpm("glibc-2.34-1.el9.i686.rpm"), rpm("glibc-debuginfo-2.34-1.el9.i686.rpm"),
                rpm("glibc-doc-2.34-1.el9.noarch.rpm"), rpm("nscd-2.34-1.el9.i686.rpm")}
                : new RawArtifact[] {log("failed.log")});
        (x86First ? x86Done : i686Done).run();
        runJobs();
        (x86First ? i686Done : x86Done).run();
        runJobs();
        return b;
    }

    @Test
    void oneCanonicalNoarchCopyFromTheFirstArchInThePlatformsOrderIsInEveryArchRepository() {
        a.knowledge().disable();
        BuildView b = builtOnBothArches("done", false);
        long id = b.id();
        StoreJob finalization = job(StoreJobKind.FINALIZE_INDEX);
        assertThat(finalization.status()).isEqualTo(StoreJobStatus.DONE);
        // AlmaLinux-9 lists x86_64 before i686: x86_64's copy replaces i686's
        assertThat(a.artifactStore().calls()).contains("change AlmaLinux-9-i686-" + id + "-br +1 -1");
        List<String> noarchInX86 = new ArrayList<>(a.artifactStore().content("AlmaLinux-9-x86_64-" + id + "-br"));
        noarchInX86.retainAll(a.artifactStore().content("AlmaLinux-9-i686-" + id + "-br"));
        assertThat(noarchInX86).as("the same noarch unit in both").hasSize(1);
    }

    @Test
    void multilibPackagesReachTheX86RepositoryWhicheverTaskFinishedFirst() {
        for (boolean x86First : List.of(true, false)) {
            a.knowledge().multilib("glibc-2.34-1.el9.src.rpm", Map.of("glibc", "2.34", "nscd", "2.33"));
            BuildView b = builtOnBothArches("done", x86First);
            long id = b.id();
            StoreJob finalization = job(StoreJobKind.FINALIZE_INDEX);
            assertThat(finalization.status()).as("x86 first: " + x86First).isEqualTo(StoreJobStatus.DONE);
            assertThat(a.artifactStore().calls()).as("x86 first: " + x86First)
                    .contains("change AlmaLinux-9-x86_64-" + id + "-debug-br +1 -0");
            assertThat(a.artifactStore().content("AlmaLinux-9-x86_64-" + id + "-br"))
                    .as("glibc.x86_64, glibc-doc and glibc.i686; not nscd (another version)").hasSize(3);
            assertThat(task(builds.get(id), "x86_64", 0).artifacts()).extracting(BuildView.Artifact::name)
                    .as("the x86_64 task carries what its repositories hold")
                    .contains("glibc-2.34-1.el9.i686.rpm", "glibc-debuginfo-2.34-1.el9.i686.rpm")
                    .doesNotContain("nscd-2.34-1.el9.i686.rpm");
        }
    }

    @Test
    void aFailedI686TaskMeansNoMultilibAndTheFinalizationSaysSo() {
        a.knowledge().multilib("glibc-2.34-1.el9.src.rpm", Map.of("glibc", "2.34"));
        BuildView b = builtOnBothArches("failed", true);
        assertThat(a.store().jobs().stream().filter(j -> j.kind() == StoreJobKind.FINALIZE_INDEX)).hasSize(1);
        assertThat(job(StoreJobKind.FINALIZE_INDEX).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(a.knowledge().calls()).isZero();
        assertThat(a.artifactStore().content("AlmaLinux-9-x86_64-" + b.id() + "-br")).hasSize(2);
    }

    @Test
    void aRefWhoseLastTaskLostItsLastLeaseIsFinalizedAllTheSame() {
        BuildNodeService oneAttempt = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(), a.platforms(),
                a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 1), "http://pulp/pulp/content/builds");
        BuildView b = create(true, "x86_64", "i686");
        report(next("src").orElseThrow().id(), "done", rpm("doc-1-1.el9.src.rpm"));
        runJobs();
        report(next("x86_64").orElseThrow().id(), "done", rpm("doc-1-1.el9.noarch.rpm"));
        runJobs();
        next("i686").orElseThrow();
        assertThat(a.store().jobs().stream().filter(j -> j.kind() == StoreJobKind.FINALIZE_INDEX)).isEmpty();

        clock.advance(Duration.ofMinutes(21));
        assertThat(oneAttempt.failExhaustedLeases(10).failed()).hasSize(1);
        assertThat(job(StoreJobKind.FINALIZE_INDEX).status()).isEqualTo(StoreJobStatus.WAITING);
        runJobs();
        assertThat(job(StoreJobKind.FINALIZE_INDEX).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(b.id()).isPositive();
    }

    // ---- deletion and operators ----------------------------------------------------------------------------

    @Test
    void deletingABuildRemovesItsRepositoriesFromTheStoreThroughAJob() {
        BuildView b = create(true, "x86_64");
        builds.delete(alice, b.id());
        assertThat(job(StoreJobKind.DELETE_REPOSITORIES).status()).isEqualTo(StoreJobStatus.WAITING);
        runJobs();
        assertThat(a.artifactStore().repositoryNames()).isEmpty();
        assertThat(a.artifactStore().calls().stream().filter(c -> c.startsWith("delete "))).hasSize(5);
    }

    @Test
    void aJobWhoseStoreNeverAnswersFailsAfterItsAttemptsAndASuperuserRetriesIt() {
        BuildView b = create(true, "x86_64");
        report(next("src").orElseThrow().id(), "done", rpm("bash-5.1-1.el9.src.rpm"));
        for (int i = 0; i < 5; i++) {
            a.artifactStore().failNextCallOf("findContent", new ArtifactStoreException("Pulp answered 503", true));
            runJobs();
            clock.advance(Duration.ofMinutes(5));
        }
        runJobs(); // the claim finds the last attempt's lease expired: the job fails
        StoreJobPage failed = jobs.find(admin, Optional.of("failed"), Optional.of("import_artifacts"),
                Optional.of(b.id()), 1);
        assertThat(failed.totalJobs()).isEqualTo(1);
        assertThat(failed.jobs().get(0).lastError()).contains("attempt 5 of 5").contains("Pulp answered 503");
        assertThat(task(builds.get(b.id()), "src", 0).status()).as("a store that is down fails no task")
                .isEqualTo(BuildTaskStatus.COMPLETED.code());
        assertThat(next("x86_64")).as("dependants wait for the import").isEmpty();
        assertThatThrownBy(() -> jobs.find(alice, Optional.empty(), Optional.empty(), Optional.empty(), 1))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> jobs.find(admin, Optional.of("stuck"), Optional.empty(), Optional.empty(), 1))
                .hasMessageContaining("Unknown job state 'stuck'");

        long jobId = failed.jobs().get(0).id();
        assertThat(jobs.retry(admin, jobId).state()).isEqualTo("waiting");
        assertThatThrownBy(() -> jobs.retry(admin, jobId)).isInstanceOf(ConflictException.class);
        runJobs();
        assertThat(jobs.find(admin, Optional.empty(), Optional.empty(), Optional.of(b.id()), 1).jobs())
                .extracting(v -> v.state()).containsOnly("done");
        assertThat(next("x86_64")).isPresent();
    }
}
