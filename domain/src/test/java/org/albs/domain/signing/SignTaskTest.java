package org.albs.domain.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.domain.artifacts.RejectedArtifactsException;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.NotHeldException;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.api.Test;

class SignTaskTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofHours(2), 3);
    private static final UserId NODE = new UserId(7);
    private static final UserId OTHER = new UserId(8);
    private static final String FP = "5E9B8F5617B5066CE92057C3488FCF7C3ABB34F8";

    private static SignTask claimed() {
        return SignTask.created(1, 10, 20).claim(NODE, T0, TERMS).work();
    }

    private static SignReport.SignedPackage pkg(String name, String fp) {
        return new SignReport.SignedPackage(1L, name, "x86_64", "rpm", "/pulp/api/v3/artifacts/" + name + "/", fp,
                "a".repeat(64), null);
    }

    private static SignReport success(SignReport.SignedPackage... packages) {
        return new SignReport(true, null, List.of(packages), Map.of());
    }

    @Test
    void theHoldersSuccessIsKeptForTheJobAndTheTaskStaysInProgress() {
        SignTask.Received r = claimed().receive(NODE, success(pkg("a.rpm", FP)), T0.plusSeconds(5));
        assertThat(r.accepted()).isTrue();
        SignTask kept = r.change().work();
        assertThat(kept.status()).isEqualTo(SignTaskStatus.IN_PROGRESS);
        assertThat(kept.awaitsProcessing()).isTrue();
        assertThat(kept.report().packages()).hasSize(1);
        Change<SignTask> done = kept.complete(T0.minusSeconds(1), T0.plusSeconds(9));
        assertThat(done.work().status()).isEqualTo(SignTaskStatus.COMPLETED);
        assertThat(done.work().state().startedAt()).isEqualTo(T0.minusSeconds(1));
        assertThat(done.entry().event()).isEqualTo(WorkEvent.DONE);
    }

    @Test
    void aReportedFailureEndsTheTaskAtOnceWithTheNodesMessage() {
        SignTask.Received r = claimed().receive(NODE, new SignReport(false, "boom", null, null), T0);
        assertThat(r.change().work().status()).isEqualTo(SignTaskStatus.FAILED);
        assertThat(r.change().work().state().error()).isEqualTo("boom");
    }

    @Test
    void aSecondReportOrAStrangersNeverChangesAnything() {
        SignTask reported = claimed().receive(NODE, success(pkg("a.rpm", FP)), T0).change().work();
        SignTask.Received again = reported.receive(NODE, new SignReport(false, "500 Server Error", null, null), T0);
        assertThat(again.accepted()).isFalse();
        assertThat(again.change().work()).isEqualTo(reported);
        assertThat(again.change().entry().reason()).startsWith("report ignored: it was reported already");

        SignTask.Received stranger = claimed().receive(OTHER, success(), T0);
        assertThat(stranger.accepted()).isFalse();
        assertThat(stranger.change().work().status()).isEqualTo(SignTaskStatus.IN_PROGRESS);

        SignTask completed = reported.complete(null, T0).work();
        SignTask.Received late = completed.receive(NODE, new SignReport(false, "x", null, null), T0);
        assertThat(late.accepted()).isFalse();
        assertThat(late.change().work().status()).isEqualTo(SignTaskStatus.COMPLETED);
        assertThat(late.change().entry().reason()).isEqualTo("report ignored: already COMPLETED");

        SignTask.Received waiting = SignTask.created(2, 10, 20).receive(NODE, success(), T0);
        assertThat(waiting.accepted()).isFalse();
    }

    @Test
    void onlyAReportedTaskCanBeCompletedOrRefused() {
        assertThatThrownBy(() -> claimed().complete(null, T0)).isInstanceOf(NotHeldException.class);
        SignTask reported = claimed().receive(NODE, success(pkg("a.rpm", FP)), T0).change().work();
        Change<SignTask> refused = reported.refuse("wrong key", T0);
        assertThat(refused.work().status()).isEqualTo(SignTaskStatus.FAILED);
        assertThat(refused.work().state().error()).isEqualTo("wrong key");
    }

    @Test
    void keyIdsAndFingerprintsAreValidatedAndUpperCased() {
        assertThat(KeyIds.keyId("488fcf7c3abb34f8")).contains("488FCF7C3ABB34F8");
        assertThat(KeyIds.keyId("488fcf7c3abb34f")).isEmpty();
        assertThat(KeyIds.keyId("488fcf7c3abb34fg")).isEmpty();
        assertThat(KeyIds.fingerprint(FP.toLowerCase())).contains(FP);
        assertThat(KeyIds.fingerprint(FP + "0")).isEmpty();
        assertThat(KeyIds.sameFingerprint(FP.toLowerCase(), FP)).isTrue();
    }

    private static final List<SignatureImport.Signable> BUILD = List.of(
            new SignatureImport.Signable(1, "p-1-1.src.rpm", "src", "P-src-1-br", "c-src"),
            new SignatureImport.Signable(2, "p-1-1.x86_64.rpm", "x86_64", "P-x86_64-1-br", "c-x86"),
            new SignatureImport.Signable(3, "p-doc-1-1.noarch.rpm", "x86_64", "P-x86_64-1-br", "c-noarch"),
            new SignatureImport.Signable(4, "p-doc-1-1.noarch.rpm", "i686", "P-i686-1-br", "c-noarch"),
            new SignatureImport.Signable(5, "p-1-1.src.rpm", "x86_64", null, null));

    @Test
    void signedPackagesReplaceTheUnsignedOnesOneChangePerRepository() {
        SignatureImport.Plan plan = SignatureImport.plan(FP, success(pkg("p-1-1.src.rpm", FP),
                pkg("p-1-1.x86_64.rpm", FP), pkg("p-doc-1-1.noarch.rpm", FP), pkg("p-doc-1-1.noarch.rpm", FP)), BUILD);
        assertThat(plan.files()).hasSize(3);
        Map<String, SignatureImport.RepositoryChange> changes = plan.changes(Map.of("p-1-1.src.rpm", "s-src",
                "p-1-1.x86_64.rpm", "s-x86", "p-doc-1-1.noarch.rpm", "s-noarch"));
        assertThat(changes).containsOnlyKeys("P-src-1-br", "P-x86_64-1-br", "P-i686-1-br");
        assertThat(changes.get("P-x86_64-1-br").add()).containsExactly("s-x86", "s-noarch");
        assertThat(changes.get("P-x86_64-1-br").remove()).containsExactly("c-x86", "c-noarch");
        assertThat(changes.get("P-i686-1-br").add()).containsExactly("s-noarch");
        assertThat(changes.get("P-src-1-br").remove()).containsExactly("c-src");
    }

    @Test
    void aReportIsRefusedAsAWholeNamingEveryBadPackage() {
        assertThatThrownBy(() -> SignatureImport.plan(FP, success(pkg("p-1-1.src.rpm", FP),
                pkg("p-1-1.x86_64.rpm", "0".repeat(40)), pkg("p-doc-1-1.noarch.rpm", FP)), BUILD))
                .isInstanceOf(RejectedArtifactsException.class)
                .hasMessageContaining("another key").hasMessageContaining("p-1-1.x86_64.rpm");
        assertThatThrownBy(() -> SignatureImport.plan(FP, success(pkg("p-1-1.src.rpm", FP),
                pkg("p-1-1.x86_64.rpm", FP)), BUILD))
                .hasMessageContaining("missing from the report: p-doc-1-1.noarch.rpm");
        assertThatThrownBy(() -> SignatureImport.plan(FP, success(pkg("p-1-1.src.rpm", FP),
                pkg("p-1-1.x86_64.rpm", FP), pkg("p-doc-1-1.noarch.rpm", FP), pkg("evil.rpm", FP)), BUILD))
                .hasMessageContaining("does not have: evil.rpm");
        assertThatThrownBy(() -> SignatureImport.plan(FP, success(), BUILD)).hasMessageContaining("no package");
        SignReport.SignedPackage noHref = new SignReport.SignedPackage(1L, "p-1-1.src.rpm", "src", "rpm", null, FP,
                "a".repeat(64), null);
        assertThatThrownBy(() -> SignatureImport.plan(FP, success(noHref, pkg("p-1-1.x86_64.rpm", FP),
                pkg("p-doc-1-1.noarch.rpm", FP)), BUILD)).hasMessageContaining("without href or sha256: p-1-1.src.rpm");
    }
}
