package org.albs.application.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.InMemoryNode;
import org.albs.application.fakes.InMemoryGenKeyTasks;
import org.albs.application.fakes.MutableClock;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.signing.SignKeysUseCase;
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.port.in.signing.SignTaskView;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskPayload;
import org.albs.application.signing.SignJob;
import org.albs.application.signing.SigningService;
import org.albs.application.testing.TestTaskCreation;
import org.albs.application.testing.TestingJobs;
import org.albs.application.testing.TestingService;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildEvent;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.albs.domain.release.KnownPackage;
import org.albs.domain.release.MatchMethod;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseStatus;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The automatic pipeline over in-memory adapters: a build on a platform whose data enables it is signed once its tests
 * pass (or at once when it has none), and released once signed, committed when every package has trust 1; each
 * step once however often it is triggered, each step in the build's history; a platform that does not enable it
 * gets no job at all.
 */
class AutoReleaseJobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String FP = "5E9B8F5617B5066CE92057C3488FCF7C3ABB34F8";
    private static final String KEYID = "488FCF7C3ABB34F8";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final AutoReleaseTrigger trigger = new AutoReleaseQueue(a.autoReleases(), a.platforms(), a.jobs());
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(),
            a.platforms(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://pulp/pulp/content/builds",
            new TestTaskCreation(a.tests(), trigger));
    private final StoreJobService jobs = new StoreJobService(a.jobs(), a.artifacts(), a.queue(), a.platforms(),
            a.artifactStore(), a.knowledge(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(5), 2),
            Duration.ofSeconds(5), Duration.ofMinutes(5),
            new TestTaskCreation(a.tests(), trigger));
    private final TestingService testing = new TestingService(a.tests(), a.builds(), a.jobs(), a.artifacts(),
            a.artifactStore(), a.access(), a.tx(), clock, new LeaseTerms(Duration.ofHours(6), 2), trigger);
    private final SigningService signing = new SigningService(a.signKeys(), a.signTasks(),
            new InMemoryGenKeyTasks(a.tx()), a.jobs(), a.artifacts(), a.artifactStore(), a.access(), a.tx(), clock,
            new LeaseTerms(Duration.ofHours(2), 3));
    private final ReleaseService releases = new ReleaseService(a.releases(), a.platforms(), a.users(), a.products(), a.access(), a.knowledge(),
            a.jobs(), a.tx(), clock);
    private User alice;
    private User admin;
    private User node;
    private User alts;
    private Platform platform;
    private SignKey key;
    private InMemoryNode nodeWork;

    @BeforeEach
    void seed() {
        TestingJobs.all(a.tests(), a.testSystem(), a.artifacts(), a.artifactStore(), a.tx()).forEach(jobs::register);
        jobs.register(new SignJob(a.signTasks(), a.signKeys(), a.artifacts(), a.artifactStore(), a.tx(), clock,
                trigger));
        for (StoreJobKind kind : List.of(StoreJobKind.COMMIT_RELEASE, StoreJobKind.REVERT_RELEASE)) {
            jobs.register(ReleaseJob.of(kind, a.releases(), a.platforms(), releases, a.artifactStore(), a.tx(),
                    clock, true));
        }
        jobs.register(new AutoReleaseJob(a.autoReleases(), a.platforms(), a.signKeys(), a.users(), signing,
                releases, a.tx(), clock));
        alice = a.user("alice", false);
        admin = a.user("admin", true);
        node = a.user("node", false);
        nodeWork = new InMemoryNode(a, dispatch, node, () -> runJobs());
        alts = a.user("alts", false);
        Platform base = a.platform("AlmaLinux-9", List.of("x86_64"));
        List<Repository> repos = new ArrayList<>(base.repositories());
        for (String arch : List.of("x86_64", "src")) {
            repos.add(a.tx().inTransaction(() -> a.repositories().upsert(new Repository(null, "almalinux-9-devel",
                    arch, "https://repo.almalinux.org/almalinux/9/devel/" + arch + "/os/", "rpm", false, 10, true,
                    true, null, null, null))));
        }
        platform = configure(base, repos, true, null);
        key = signing.create(admin, new SignKeysUseCase.NewSignKey("k", null, KEYID.toLowerCase(), FP, null,
                List.of(platform.id())));
    }

    /** The platform with or without tests ({@code test_dist_name}) and with these {@code auto_release} settings. */
    private Platform configure(Platform p, List<Repository> repos, boolean tests, Map<String, Object> autoRelease) {
        Map<String, Object> data = new LinkedHashMap<>(p.data());
        data.remove("auto_release");
        if (autoRelease != null) {
            data.put("auto_release", autoRelease);
        }
        return a.tx().inTransaction(() -> a.platforms().update(new Platform(p.id(), p.name(), p.type(),
                p.distrType(), p.distrVersion(), tests ? "almalinux" : "", p.contactMail(), p.copyright(), p.pgpKey(),
                p.priority(), p.archList(), p.copyPriorityArches(), p.weakArchList(), data, p.modularity(),
                p.reference(), repos, p.referencePlatforms())));
    }

    private void pipeline(boolean tests, Map<String, Object> autoRelease) {
        platform = configure(platform, platform.repositories(), tests, autoRelease);
    }

    private static final Map<String, Object> ON = Map.of("enabled", true);

    private int runJobs() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    /** A build of bash, built and imported (settled: its tests made, when the platform has a test distribution). */
    private long finishedBuild() {
        long id = nodeWork.bash(builds, alice);
        return id;
    }

    private static TestResultCommand result(boolean ok) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_version", "20210512");
        body.put("result", Map.of("install_package", Map.of("success", ok)));
        body.put("stats", Map.of());
        return TestResultCommand.of(body);
    }

    /** ALTS takes every test and reports each, the first {@code failures} failed; then the jobs run. */
    private void test(int failures) {
        List<TestTaskPayload> polled = testing.poll(alts);
        assertThat(polled).isNotEmpty();
        for (int i = 0; i < polled.size(); i++) {
            testing.report(alts, polled.get(i).bsTaskId(), result(i >= failures));
        }
        runJobs();
    }

    /** The sign node signs the build's open task; then the jobs run (the signing job, and what it triggers). */
    private void signNodeSigns(long buildId) {
        SignNodeUseCase.SignTaskOffer offer = signing.claim(node, List.of(KEYID)).orElseThrow();
        assertThat(offer.buildId()).isEqualTo(buildId);
        List<SignReport.SignedPackage> packages = new ArrayList<>();
        Map<String, RawArtifact> uploads = new LinkedHashMap<>();
        for (SignNodeUseCase.OfferedPackage p : offer.packages()) {
            RawArtifact up = uploads.computeIfAbsent(p.name(), nodeWork::rpm);
            packages.add(new SignReport.SignedPackage(p.id(), p.name(), p.arch(), p.type(), up.href(), FP,
                    up.sha256(), null));
        }
        signing.complete(node, offer.id(), buildId, new SignReport(true, null, packages, Map.of()));
        runJobs();
        assertThat(a.signTasks().isSigned(buildId)).isTrue();
    }

    /** beholder knows every package of the build exactly, in the reference's devel repository. */
    private void knownExactly() {
        KnownPackage.Location x86 = new KnownPackage.Location("centos-stream-9-devel", "x86_64");
        a.knowledge().knows(platform.name(), List.of(
                new KnownPackage("bash", "5", "src", List.of(new KnownPackage.Location("centos-stream-9-devel",
                        "src")), MatchMethod.EXACT),
                new KnownPackage("bash", "5", "x86_64", List.of(x86), MatchMethod.EXACT),
                new KnownPackage("bash-doc", "5", "noarch", List.of(x86), MatchMethod.EXACT)));
    }

    private List<SignTaskView> signTasks(long buildId) {
        return signing.list(Optional.of(buildId), 1);
    }

    private List<String> history(long buildId) {
        return a.autoReleases().events(buildId).stream().map(e -> e.event() + ": " + e.message()).toList();
    }

    private List<StoreJob> autoJobs() {
        return a.store().jobs().stream().filter(j -> j.kind() == StoreJobKind.AUTO_RELEASE).toList();
    }

    private List<Release> releasesOf(long buildId) {
        return a.tx().inTransaction(() -> a.releases().page(org.albs.application.port.out.Releases.Filter.none(), 0,
                100)).stream().filter(r -> r.buildIds().contains(buildId)).toList();
    }

    @Test
    void offByDefaultNothingIsEnqueuedAndNothingHappens() {
        long id = finishedBuild();
        test(0);
        assertThat(autoJobs()).as("no job for a build of a platform without auto_release").isEmpty();
        assertThat(signTasks(id)).isEmpty();
        assertThat(history(id)).isEmpty();

        pipeline(true, Map.of("enabled", false, "sign_key", KEYID));
        long second = finishedBuild();
        test(0);
        assertThat(autoJobs()).as("enabled: false is off").isEmpty();
        assertThat(signTasks(second)).isEmpty();
    }

    @Test
    void testsPassedTheBuildGetsItsSignTaskWithThePlatformsKey() {
        pipeline(true, ON);
        long id = finishedBuild();
        assertThat(signTasks(id)).as("tests are running").isEmpty();
        test(0);
        assertThat(signTasks(id)).singleElement().satisfies(t -> {
            assertThat(t.signKey().id()).isEqualTo(key.id());
            assertThat(t.status()).isEqualTo(1);
        });
        long taskId = signTasks(id).get(0).id();
        assertThat(history(id)).containsExactly("sign_task_created: sign task " + taskId + " created with key "
                + KEYID);
        assertThat(autoJobs()).as("one job per result, each done").isNotEmpty()
                .allSatisfy(j -> assertThat(j.status()).isEqualTo(StoreJobStatus.DONE));
        BuildView view = builds.get(id);
        assertThat(view.pipeline()).extracting(BuildView.PipelineEvent::event).containsExactly("sign_task_created");
    }

    @Test
    void testsFailedNoSignTaskAndTheHistorySaysSoOnce() {
        pipeline(true, ON);
        long id = finishedBuild();
        test(2);
        assertThat(signTasks(id)).isEmpty();
        assertThat(history(id)).containsExactly("tests_failed: tests failed: not signed");
    }

    @Test
    void aBuildWithoutTestsGetsItsSignTaskWhenItSettles() {
        pipeline(false, ON);
        long id = finishedBuild();
        assertThat(testing.poll(alts)).as("no tests").isEmpty();
        assertThat(signTasks(id)).singleElement().satisfies(t -> assertThat(t.signKey().keyid()).isEqualTo(KEYID));
    }

    @Test
    void severalKeysAndNoneNamedNothingIsSignedAndTheHistorySaysWhy() {
        signing.create(admin, new SignKeysUseCase.NewSignKey("k2", null, "1111222233334444",
                "1111222233334444555566667777888899990000", null, List.of(platform.id())));
        pipeline(false, ON);
        long id = finishedBuild();
        assertThat(signTasks(id)).isEmpty();
        assertThat(history(id)).singleElement().asString().startsWith("no_default_key: no default sign key:"
                + " AlmaLinux-9 has 2 active sign keys");

        pipeline(false, Map.of("enabled", true, "sign_key", "1111222233334444"));
        long named = finishedBuild();
        assertThat(signTasks(named)).singleElement().satisfies(t -> assertThat(t.signKey().keyid())
                .isEqualTo("1111222233334444"));
    }

    @Test
    void signedAReleaseIsPlannedAndCommittedWhenEveryPackageHasTrustOne() {
        pipeline(false, ON);
        knownExactly();
        long id = finishedBuild();
        signNodeSigns(id);

        Release release = releasesOf(id).stream().findFirst().orElseThrow();
        assertThat(release.owner()).as("the pipeline acts as the build's owner").isEqualTo(alice.id());
        assertThat(release.plan().packages()).allSatisfy(p -> assertThat(p.repositories().get(0).trustness())
                .isEqualTo(1));
        assertThat(release.status()).as("committed, and the commit job ran").isEqualTo(ReleaseStatus.COMPLETED);
        assertThat(history(id)).containsExactly(
                "sign_task_created: sign task " + signTasks(id).get(0).id() + " created with key " + KEYID,
                "release_planned: release " + release.id() + " planned: all trust 1, committing");
        assertThat(a.tx().inTransaction(() -> a.releases().builds(List.of(id))).get(id).released()).isTrue();
    }

    @Test
    void signedAReleaseBelowTrustOneIsLeftScheduledForReview() {
        pipeline(false, ON);
        long id = finishedBuild();
        signNodeSigns(id);
        Release release = releasesOf(id).stream().findFirst().orElseThrow();
        assertThat(release.status()).isEqualTo(ReleaseStatus.SCHEDULED);
        assertThat(history(id)).last().isEqualTo("release_planned: release " + release.id()
                + " planned: 3 package(s) below trust 1, left for review");
    }

    @Test
    void commitFalseLeavesEvenATrustOnePlanForReview() {
        pipeline(false, Map.of("enabled", true, "commit", false));
        knownExactly();
        long id = finishedBuild();
        signNodeSigns(id);
        assertThat(releasesOf(id)).singleElement().extracting(Release::status).isEqualTo(ReleaseStatus.SCHEDULED);
        assertThat(history(id)).last().asString().endsWith("all trust 1, left for review (auto_release.commit is"
                + " false)");
    }

    @Test
    void duplicateTriggersMakeOneSignTaskAndOneRelease() {
        pipeline(false, ON);
        long id = finishedBuild();
        for (int i = 0; i < 3; i++) {
            a.tx().run(() -> trigger.buildMoved(id, clock.instant()));
        }
        runJobs();
        assertThat(signTasks(id)).hasSize(1);

        signNodeSigns(id);
        assertThat(releasesOf(id)).singleElement().extracting(Release::status).isEqualTo(ReleaseStatus.SCHEDULED);
        // the release left for review is not released: only the pipeline's own history stops a second plan
        for (int i = 0; i < 3; i++) {
            a.tx().run(() -> trigger.buildMoved(id, clock.instant()));
        }
        runJobs();

        assertThat(signTasks(id)).hasSize(1);
        assertThat(releasesOf(id)).hasSize(1);
        assertThat(history(id)).extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("sign_task_created", "release_planned");
        assertThat(autoJobs()).hasSize(8).allSatisfy(j -> assertThat(j.status()).isEqualTo(StoreJobStatus.DONE));
    }

    @Test
    void aBuildEventIsRecordedOnlyForAnExistingBuild() {
        long id = finishedBuild();
        a.tx().run(() -> a.autoReleases().record(new BuildEvent(id, T0, "x", "y")));
        assertThat(builds.get(id).pipeline()).containsExactly(new BuildView.PipelineEvent(
                java.time.LocalDateTime.of(2026, 1, 1, 10, 0), "x", "y"));
    }
}
