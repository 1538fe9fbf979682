package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.IllegalTransitionException;
import org.albs.domain.lease.Lease;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.NotHeldException;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.api.Test;

/** What is a build task's own on top of the lease rules: reports, SRPMs, CAS facts, cancel, fast-fail, restart. */
class BuildTaskTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(20), 3);
    static final UserId NODE_A = new UserId(10);
    static final UserId NODE_B = new UserId(11);
    static final String SRPM_NAME = "bash-5.1-1.el9.src.rpm";

    static BuildTask idle(String arch) {
        return BuildTask.planned(1, 2, 3, 4, new UserId(1), 0, arch);
    }

    static BuildTask started(String arch) {
        return idle(arch).claim(NODE_A, T0, TERMS).work();
    }

    static NodeReport report(NodeOutcome outcome, BuiltArtifact... artifacts) {
        return new NodeReport(outcome, List.of(artifacts), null, null);
    }

    static BuiltArtifact rpm(String name) {
        return new BuiltArtifact(name, "rpm", "/pulp/" + name, "a".repeat(64), "cas-" + name);
    }

    @Test
    void claimStartsTheTaskWithALeaseAndCountsTheAttempt() {
        Change<BuildTask> c = idle("x86_64").claim(NODE_A, T0, TERMS);
        assertThat(c.work().status()).isEqualTo(BuildTaskStatus.STARTED);
        assertThat(c.work().lease()).isEqualTo(new Lease(NODE_A, T0, T0.plus(Duration.ofMinutes(20))));
        assertThat(c.work().attempt()).isEqualTo(1);
        assertThat(c.entry().event()).isEqualTo(WorkEvent.CLAIM);
        assertThat(c.entry().actor()).isEqualTo(NODE_A);
    }

    @Test
    void theLastExpiredLeaseFailsTheTaskSayingNoBuildNodeReported() {
        BuildTask t = started("x86_64");
        Instant now = T0;
        for (int i = 0; i < 2; i++) {
            now = now.plus(Duration.ofMinutes(21));
            t = t.takeOver(NODE_B, now, TERMS).work();
        }
        Change<BuildTask> c = t.takeOver(NODE_A, now.plus(Duration.ofMinutes(21)), TERMS);
        assertThat(c.work().status()).isEqualTo(BuildTaskStatus.FAILED);
        assertThat(c.work().error()).startsWith("Build task failed: the lease of user 11 expired")
                .contains("attempt 3 of 3").endsWith("no build node reported a result");
        assertThat(c.entry().event()).isEqualTo(WorkEvent.LEASE_EXHAUSTED);
    }

    @Test
    void aDoneSourceBuildDeliversItsSrpmToItselfAndItsRef() {
        BuildTask.Reported r = started("src").report(NODE_A, report(NodeOutcome.DONE, rpm(SRPM_NAME),
                rpm("build.log")), "AlmaLinux-9", T0.plusSeconds(60));

        Srpm expected = new Srpm("AlmaLinux-9-src-2-br/Packages/b/" + SRPM_NAME, "cas-" + SRPM_NAME);
        assertThat(r.deliveredSrpm()).isEqualTo(expected);
        assertThat(r.change().work().srpm()).isEqualTo(expected);
        assertThat(r.change().work().status()).isEqualTo(BuildTaskStatus.COMPLETED);
        assertThat(r.failsIdleSiblings()).isFalse();
    }

    @Test
    void aTaskThatAlreadyHasItsSrpmDeliversNothing() {
        BuildTask withSrpm = started("x86_64").withSrpm(new Srpm("first.src.rpm", "h"));
        BuildTask.Reported r = withSrpm.report(NODE_A, report(NodeOutcome.DONE, rpm(SRPM_NAME)), "AlmaLinux-9", T0);
        assertThat(r.deliveredSrpm()).isNull();
        assertThat(r.change().work().srpm()).isEqualTo(new Srpm("first.src.rpm", "h"));

        BuildTask.Reported failed = started("x86_64").withSrpm(new Srpm("first.src.rpm", "h"))
                .report(NODE_A, report(NodeOutcome.FAILED), "AlmaLinux-9", T0);
        assertThat(failed.failsIdleSiblings()).as("the SRPM was built: the other arches may still build").isFalse();
    }

    @Test
    void aFailedSourceBuildWithoutAnSrpmFailsItsRefsIdleTasks() {
        assertThat(started("src").report(NODE_A, report(NodeOutcome.FAILED), "AlmaLinux-9", T0)
                .failsIdleSiblings()).isTrue();
        assertThat(started("src").report(NODE_A, report(NodeOutcome.FAILED, rpm(SRPM_NAME)), "AlmaLinux-9", T0)
                .failsIdleSiblings()).as("it produced its SRPM").isFalse();
        assertThat(started("src").report(NODE_A, report(NodeOutcome.EXCLUDED), "AlmaLinux-9", T0)
                .failsIdleSiblings()).as("excluded: the arches build from git").isFalse();
    }

    @Test
    void reportedCasFactsAreKeptAndAReportWithoutThemKeepsTheOldOnes() {
        CasFacts facts = new CasFacts("commit-cas", true);
        BuildTask reported = started("x86_64").report(NODE_A, new NodeReport(NodeOutcome.FAILED, List.of(), null,
                facts), "AlmaLinux-9", T0).change().work();
        assertThat(reported.cas()).isEqualTo(facts);
        BuildTask again = reported.restart(NODE_A, false, T0).work().claim(NODE_A, T0, TERMS).work()
                .report(NODE_A, report(NodeOutcome.DONE), "AlmaLinux-9", T0).change().work();
        assertThat(again.cas()).isEqualTo(facts);
        assertThat(CasFacts.reported(null, false)).isNull();
    }

    @Test
    void reportsFromAnotherNodeOrForFinishedTasksAreConflicts() {
        BuildTask takenOver = started("x86_64").takeOver(NODE_B, T0.plus(Duration.ofMinutes(21)), TERMS).work();
        assertThatThrownBy(() -> takenOver.finish(NODE_A, NodeOutcome.DONE, null, T0.plus(Duration.ofMinutes(22))))
                .isInstanceOf(NotHeldException.class).hasMessageContaining("another build node");
        BuildTask done = takenOver.finish(NODE_B, NodeOutcome.DONE, null, T0.plus(Duration.ofMinutes(23))).work();
        assertThatThrownBy(() -> done.finish(NODE_B, NodeOutcome.DONE, null, T0.plus(Duration.ofMinutes(24))))
                .isInstanceOf(NotHeldException.class).hasMessageContaining("already finished");
        assertThatThrownBy(() -> idle("x86_64").finish(NODE_A, NodeOutcome.DONE, null, T0))
                .isInstanceOf(NotHeldException.class).hasMessageContaining("not handed out");
    }

    @Test
    void cancelFastFailAndRestart() {
        assertThat(idle("x86_64").cancel(NODE_A, T0).work().status()).isEqualTo(BuildTaskStatus.CANCELLED);
        assertThat(idle("x86_64").cancel(NODE_A, T0).work().error()).isEqualTo("Build task cancelled by user");
        BuildTask failed = idle("x86_64").fastFail("src", T0).work();
        assertThat(failed.status()).isEqualTo(BuildTaskStatus.FAILED);
        assertThat(failed.endedWithoutRunning()).isTrue();
        assertThat(failed.error()).startsWith("Fast failed: SRPM build failed in the initial architecture (src).");
        assertThatThrownBy(() -> started("x86_64").cancel(NODE_A, T0))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aRestartForgetsTheLastRunAndTheSrpmOnlyWhenAsked() {
        BuildTask ran = started("x86_64").withSrpm(new Srpm("s.src.rpm", "h"))
                .finish(NODE_A, NodeOutcome.FAILED, null, T0.plusSeconds(9)).work();
        assertThat(ran.endedWithoutRunning()).isFalse();

        BuildTask kept = ran.restart(NODE_B, false, T0.plusSeconds(10)).work();
        BuildTask cleared = ran.restart(NODE_B, true, T0.plusSeconds(10)).work();

        assertThat(kept.status()).isEqualTo(BuildTaskStatus.IDLE);
        assertThat(kept.lease()).isNull();
        assertThat(kept.attempt()).isZero();
        assertThat(kept.startedAt()).isNull();
        assertThat(kept.finishedAt()).isNull();
        assertThat(kept.srpm()).isEqualTo(new Srpm("s.src.rpm", "h"));
        assertThat(cleared.srpm()).isNull();
    }
}
