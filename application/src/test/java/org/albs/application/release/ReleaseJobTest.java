package org.albs.application.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.release.NewReleaseCommand;
import org.albs.application.port.in.release.ReleaseEditCommand;
import org.albs.application.port.in.signing.SignKeysUseCase;
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.signing.SignJob;
import org.albs.application.signing.SigningService;
import org.albs.domain.ConflictException;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleaseStatus;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit and revert jobs over in-memory adapters: a worker that dies between two repository changes, taken over
 * once its lease ran out, finishes the release with each package placed once; a job whose every lease runs out ends
 * the release FAILED instead of leaving it IN_PROGRESS; a revert takes out exactly what the commit put in.
 */
class ReleaseJobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String FP = "5E9B8F5617B5066CE92057C3488FCF7C3ABB34F8";

    /** A worker dying in the middle of its job (the JVM killed), not an error the job sees. */
    static final class Crash extends Error {
        Crash() {
            super("the worker died", null, false, false);
        }
    }

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(),
            a.platforms(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://pulp/pulp/content/builds");
    private final SigningService signing = new SigningService(a.signKeys(), a.signTasks(),
            new InMemoryGenKeyTasks(a.tx()), a.jobs(), a.artifacts(), a.artifactStore(), a.access(), a.tx(), clock,
            new LeaseTerms(Duration.ofHours(2), 3));
    private final ReleaseService releases = new ReleaseService(a.releases(), a.platforms(), a.users(), a.products(), a.access(), a.knowledge(),
            a.jobs(), a.tx(), clock);
    private final StoreJobService jobs = a.storeJobService();
    private User alice;
    private User admin;
    private User node;
    private Platform platform;
    private InMemoryNode nodeWork;

    @BeforeEach
    void seed() {
        jobs.register(new SignJob(a.signTasks(), a.signKeys(), a.artifacts(), a.artifactStore(), a.tx(), clock));
        for (StoreJobKind kind : List.of(StoreJobKind.COMMIT_RELEASE, StoreJobKind.REVERT_RELEASE)) {
            jobs.register(ReleaseJob.of(kind, a.releases(), a.platforms(), releases, a.artifactStore(), a.tx(),
                    clock, true));
        }
        alice = a.user("alice", false);
        admin = a.user("admin", true);
        node = a.user("node", false);
        nodeWork = new InMemoryNode(a, dispatch, node, () -> runJobs());
        Platform base = a.platform("AlmaLinux-9", List.of("x86_64"));
        List<Repository> repos = new ArrayList<>(base.repositories());
        for (String arch : List.of("x86_64", "src")) {
            repos.add(a.tx().inTransaction(() -> a.repositories().upsert(new Repository(null, "almalinux-9-devel",
                    arch, "https://repo.almalinux.org/almalinux/9/devel/" + arch + "/os/", "rpm", false, 10, true,
                    true, null, null, null))));
        }
        platform = a.tx().inTransaction(() -> a.platforms().update(new Platform(base.id(), base.name(), base.type(),
                base.distrType(), base.distrVersion(), base.testDistName(), base.contactMail(), base.copyright(),
                base.pgpKey(), base.priority(), base.archList(), base.copyPriorityArches(), base.weakArchList(),
                base.data(), base.modularity(), base.reference(), repos, base.referencePlatforms())));
    }

    private int runJobs() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    /** A finished build of bash, signed with a key of the platform. */
    private long signedBuild() {
        long id = nodeWork.bash(builds, alice);
        SignKey key = signing.create(admin, new SignKeysUseCase.NewSignKey("k", null, "488fcf7c3abb34f8", FP, null,
                List.of(platform.id())));
        long taskId = signing.create(alice, id, key.id()).id();
        SignNodeUseCase.SignTaskOffer offer = signing.claim(node, List.of("488FCF7C3ABB34F8")).orElseThrow();
        List<SignReport.SignedPackage> packages = new ArrayList<>();
        Map<String, RawArtifact> uploads = new LinkedHashMap<>();
        for (SignNodeUseCase.OfferedPackage p : offer.packages()) {
            RawArtifact up = uploads.computeIfAbsent(p.name(), nodeWork::rpm);
            packages.add(new SignReport.SignedPackage(p.id(), p.name(), p.arch(), p.type(), up.href(), FP,
                    up.sha256(), null));
        }
        signing.complete(node, taskId, id, new SignReport(true, null, packages, Map.of()));
        runJobs();
        assertThat(a.signTasks().isSigned(id)).isTrue();
        return id;
    }

    private long committedRelease(long buildId) {
        long id = releases.create(alice, new NewReleaseCommand(List.of(buildId), List.of(), platform.id(), null,
                null)).release().id();
        releases.commit(alice, id);
        return id;
    }

    private Release release(long id) {
        return a.releases().find(id).orElseThrow();
    }

    private List<String> changes() {
        return a.artifactStore().calls().stream().filter(c -> c.startsWith("change prod-")).toList();
    }

    @Test
    void aWorkerThatDiesBetweenTwoRepositoryChangesIsTakenOverAndEachPackageIsPlacedOnce() {
        long buildId = signedBuild();
        long id = committedRelease(buildId);
        assertThatThrownBy(() -> releases.edit(alice, id, new ReleaseEditCommand(Optional.of(List.of(buildId)),
                Optional.of(List.of(99L)), Optional.empty()))).as("no edit while the commit runs")
                .isInstanceOf(ConflictException.class).hasMessageContaining("is in progress");
        assertThatThrownBy(() -> releases.commit(alice, id)).isInstanceOf(ConflictException.class);
        a.artifactStore().beforeNextCallOf("startChange", () -> a.artifactStore().beforeNextCallOf("startChange",
                () -> {
                    throw new Crash();
                }));
        assertThatThrownBy(this::runJobs).isInstanceOf(Crash.class);
        assertThat(release(id).status()).isEqualTo(ReleaseStatus.IN_PROGRESS);
        assertThat(changes()).as("the first repository changed, the second not").hasSize(1);
        assertThat(a.tx().inTransaction(() -> a.releases().placements(id))).as("what the first change placed is"
                + " recorded with its step").isNotEmpty();

        assertThat(runJobs()).as("nobody takes the job while its lease holds").isZero();
        clock.advance(Duration.ofMinutes(6));
        runJobs();

        Release done = release(id);
        assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
        assertThat(done.plan().lastLog()).startsWith("Successfully committed release: 3 package(s) added to 2");
        assertThat(changes()).as("each repository changed once: the first one's change is not repeated")
                .containsExactlyInAnyOrder("change prod-almalinux-9-devel-x86_64 +2 -0",
                        "change prod-almalinux-9-devel-src +1 -0");
        List<ReleaseCommit.Placement> placed = a.tx().inTransaction(() -> a.releases().placements(id));
        assertThat(placed).hasSize(3);
        assertThat(placed.stream().map(p -> p.repositoryId() + p.contentHandle()).distinct()).hasSize(3);
        assertThat(a.artifactStore().content("prod-almalinux-9-devel-x86_64")).hasSize(2);
        assertThat(a.artifactStore().content("prod-almalinux-9-devel-src")).hasSize(1);
        assertThat(a.tx().inTransaction(() -> a.releases().builds(List.of(buildId))).get(buildId).released())
                .isTrue();

        releases.revert(alice, id);
        runJobs();
        assertThat(release(id).status()).isEqualTo(ReleaseStatus.REVERTED);
        assertThat(a.artifactStore().content("prod-almalinux-9-devel-x86_64")).isEmpty();
        assertThat(a.artifactStore().content("prod-almalinux-9-devel-src")).isEmpty();
        assertThat(a.tx().inTransaction(() -> a.releases().placements(id))).isEmpty();
        assertThat(a.tx().inTransaction(() -> a.releases().builds(List.of(buildId))).get(buildId).released())
                .isFalse();
    }

    private void crashEveryCallOf(String method) {
        a.artifactStore().beforeNextCallOf(method, () -> {
            crashEveryCallOf(method);
            throw new Crash();
        });
    }

    @Test
    void aJobWhoseEveryLeaseRunsOutEndsTheReleaseFailedNotInProgress() {
        long id = committedRelease(signedBuild());
        crashEveryCallOf("startChange");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(this::runJobs).isInstanceOf(Crash.class);
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(release(id).status()).isEqualTo(ReleaseStatus.IN_PROGRESS);
        runJobs();
        Release failed = release(id);
        assertThat(failed.status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(failed.plan().lastLog()).startsWith("Cannot commit release: ").contains("lease");
        assertThat(a.store().jobs().stream().filter(j -> j.kind() == StoreJobKind.COMMIT_RELEASE))
                .singleElement().satisfies(j -> assertThat(j.status()).isEqualTo(StoreJobStatus.FAILED));
    }

    @Test
    void aStoreThatRefusesEndsTheReleaseFailedWithTheReason() {
        long id = committedRelease(signedBuild());
        a.artifactStore().failNextCallOf("startChange",
                new org.albs.application.port.out.ArtifactStoreException("the repository is gone", false));
        runJobs();
        Release failed = release(id);
        assertThat(failed.status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(failed.plan().lastLog()).isEqualTo("Cannot commit release: the repository is gone");
    }
}
