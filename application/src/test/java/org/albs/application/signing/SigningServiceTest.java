package org.albs.application.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.InMemoryNode;
import org.albs.application.fakes.InMemoryGenKeyTasks;
import org.albs.application.fakes.InMemorySignKeys;
import org.albs.application.fakes.InMemorySignTasks;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.signing.SignKeysUseCase;
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;
import org.albs.domain.signing.SignTaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing over in-memory adapters: the signing job's steps, a store that does not answer, a job taken over. */
class SigningServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String FP = "5E9B8F5617B5066CE92057C3488FCF7C3ABB34F8";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(),
            a.platforms(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://pulp/pulp/content/builds");
    private final InMemorySignKeys keys = a.signKeys();
    private final InMemorySignTasks tasks = a.signTasks();
    private final SigningService signing = new SigningService(keys, tasks, new InMemoryGenKeyTasks(a.tx()), a.jobs(),
            a.artifacts(), a.artifactStore(), a.access(), a.tx(), clock, new LeaseTerms(Duration.ofHours(2), 3));
    private final StoreJobService jobs = a.storeJobService();
    private User alice;
    private User admin;
    private User buildNode;
    private User signNode;
    private InMemoryNode nodeWork;

    @BeforeEach
    void seed() {
        jobs.register(new SignJob(tasks, keys, a.artifacts(), a.artifactStore(), a.tx(), clock));
        alice = a.user("alice", false);
        admin = a.user("admin", true);
        buildNode = a.user("node", false);
        nodeWork = new InMemoryNode(a, dispatch, buildNode, () -> runJobs());
        signNode = a.user("signer", false);
        a.platform("AlmaLinux-9", List.of("x86_64"));
    }

    private int runJobs() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    private long readyBuild() {
        long id = nodeWork.bash(builds, alice);
        return id;
    }

    private SignReport signedReport(SignNodeUseCase.SignTaskOffer offer) {
        List<SignReport.SignedPackage> packages = new ArrayList<>();
        Map<String, RawArtifact> uploads = new LinkedHashMap<>();
        for (SignNodeUseCase.OfferedPackage p : offer.packages()) {
            RawArtifact up = uploads.computeIfAbsent(p.name(), nodeWork::rpm);
            packages.add(new SignReport.SignedPackage(p.id(), p.name(), p.arch(), p.type(), up.href(), FP,
                    up.sha256(), null));
        }
        return new SignReport(true, null, packages, Map.of("sign_task_start_time", "2026-01-01 09:00:00"));
    }

    @Test
    void aStoreThatDoesNotAnswerDelaysTheSigningJobWhichResumesWithoutRepeatingItsSteps() {
        long build = readyBuild();
        SignKey key = signing.create(admin, new SignKeysUseCase.NewSignKey("k", null, "488fcf7c3abb34f8", FP, null,
                null));
        long taskId = signing.create(alice, build, key.id()).id();
        SignNodeUseCase.SignTaskOffer offer = signing.claim(signNode, List.of("488FCF7C3ABB34F8")).orElseThrow();
        assertThat(offer.id()).isEqualTo(taskId);
        assertThat(offer.packages()).extracting(SignNodeUseCase.OfferedPackage::name)
                .containsExactly("bash-5-1.el9.src.rpm", "bash-5-1.el9.x86_64.rpm", "bash-doc-5-1.el9.noarch.rpm");
        assertThat(offer.packages().get(0).downloadUrl()).endsWith("/Packages/b/bash-5-1.el9.src.rpm");
        signing.complete(signNode, taskId, build, signedReport(offer));

        int before = a.artifactStore().calls().size();
        a.artifactStore().failNextCallOf("startChange", new ArtifactStoreException("Pulp did not answer", true));
        runJobs();
        assertThat(tasks.find(taskId).orElseThrow().status()).isEqualTo(SignTaskStatus.IN_PROGRESS);
        assertThat(a.store().jobs().stream().filter(j -> j.kind() == StoreJobKind.SIGN_PACKAGES).findFirst()
                .orElseThrow().status()).isEqualTo(StoreJobStatus.RUNNING);

        clock.advance(Duration.ofMinutes(1));
        runJobs();
        List<String> calls = a.artifactStore().calls().subList(before, a.artifactStore().calls().size());
        assertThat(calls.stream().filter(c -> c.startsWith("content "))).as("each signed file made once")
                .hasSize(3);
        assertThat(calls.stream().filter(c -> c.startsWith("change "))).as("one change per repository")
                .containsExactlyInAnyOrder("change AlmaLinux-9-src-" + build + "-br +1 -1",
                        "change AlmaLinux-9-x86_64-" + build + "-br +2 -2");
        var task = tasks.find(taskId).orElseThrow();
        assertThat(task.status()).isEqualTo(SignTaskStatus.COMPLETED);
        assertThat(task.state().startedAt()).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(tasks.isSigned(build)).isTrue();
    }
}
