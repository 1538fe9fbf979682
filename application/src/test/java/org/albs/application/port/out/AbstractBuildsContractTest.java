package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.albs.application.port.out.QueueFixture.SeededBuild;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Builds} must do: store a planned build with ascending task ids, find it, report missing ids,
 * keep the count of open tasks with the build's end time, and delete a build with everything in it.
 */
public abstract class AbstractBuildsContractTest {
    protected QueueFixture f;
    private User alice;
    private Platform el9;

    /** The ports under test; called before each test. */
    protected abstract QueueFixture.Ports ports();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
        alice = f.user("alice");
        el9 = f.platform("AlmaLinux-9", "x86_64", "i686");
    }

    private Builds builds() {
        return f.ports().builds();
    }

    @Test
    public void aStoredBuildHasItsTasksInPlanOrder() {
        SeededBuild b = f.build(alice, el9, List.of("x86_64", "i686"), false, "bash", "zlib");

        assertThat(b.tasks()).extracting(RestartPlanner.Candidate::index).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(b.tasks()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(BuildTaskStatus.IDLE);
            assertThat(t.platformId()).isEqualTo(el9.id());
        });
        assertThat(b.task("src", 0)).isLessThan(b.task("src", 1));
        assertThat(b.task("src", 1)).isLessThan(b.task("i686", 0));
        assertThat(b.task("i686", 1)).isLessThan(b.task("x86_64", 0));
        Builds.BuildHeader header = builds().find(b.id()).orElseThrow();
        assertThat(header.owner()).isEqualTo(alice.id());
        assertThat(header.released()).isFalse();
        assertThat(header.finishedAt()).isNull();
    }

    @Test
    public void unknownBuildsAreMissing() {
        SeededBuild b = f.build(alice, el9, List.of("x86_64"), true, "bash");
        long unknown = Long.MAX_VALUE;

        assertThat(builds().missing(List.of(unknown, b.id(), unknown - 1))).containsExactly(unknown, unknown - 1);
        assertThat(builds().missing(List.of())).isEmpty();
        assertThat(builds().find(unknown)).isEmpty();
        assertThat(builds().restartCandidates(unknown)).isEmpty();
    }

    @Test
    public void theOpenTaskCountMovesByEachDeltaAndComesBackWithTheStoredFinishTime() {
        SeededBuild b = f.build(alice, el9, List.of("x86_64"), true, "bash");
        Instant t1 = T0.plusSeconds(60);

        assertThat(count(b.id(), -1)).isEqualTo(new BuildProgress(b.id(), 1, null));
        assertThat(count(b.id(), -1)).isEqualTo(new BuildProgress(b.id(), 0, null));
        f.ports().tx().run(() -> builds().setFinishedAt(b.id(), t1));
        assertThat(finishedAt(b.id())).isEqualTo(t1);
        assertThat(count(b.id(), 2)).isEqualTo(new BuildProgress(b.id(), 2, t1));
        f.ports().tx().run(() -> builds().setFinishedAt(b.id(), null));
        assertThat(finishedAt(b.id())).isNull();
        assertThat(count(b.id(), 0)).isEqualTo(new BuildProgress(b.id(), 2, null));
    }

    @Test
    public void deleteRemovesTheBuildItsTasksAndLinksToIt() {
        SeededBuild gone = f.build(alice, el9, List.of("x86_64"), true, "bash");
        SeededBuild kept = f.build(new Builds.NewBuild(alice.id(), null, false, null, List.of(gone.id())),
                List.of(new org.albs.domain.builds.BuildTaskRef(QueueFixture.packageUrl("zlib"), "c9", null, null, null,
                        null)), new org.albs.domain.builds.PlatformTarget(el9, List.of("x86_64"), true));

        f.ports().tx().run(() -> builds().delete(gone.id()));

        assertThat(builds().find(gone.id())).isEmpty();
        assertThat(builds().missing(List.of(gone.id()))).containsExactly(gone.id());
        assertThat(builds().restartCandidates(gone.id())).isEmpty();
        assertThat(f.ports().tx().inTransaction(() -> f.ports().queue().lock(gone.task("src", 0)))).isEmpty();
        assertThat(builds().find(kept.id())).isPresent();
        TaskAssignment claim = f.claimNext(f.user("node"), T0, "src").assignment();
        assertThat(claim.ref().url()).isEqualTo(QueueFixture.packageUrl("zlib"));
        assertThat(claim.linkedBuilds()).isEmpty();
    }

    private BuildProgress count(long buildId, int delta) {
        return f.ports().tx().inTransaction(() -> builds().countOpenTasks(buildId, delta));
    }

    private Instant finishedAt(long buildId) {
        return builds().find(buildId).orElseThrow().finishedAt();
    }
}
