package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.albs.domain.builds.BuildEvent;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignTask;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;
import org.albs.domain.testing.TestedPackage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AutoReleases} does: the in-memory adapter and the PostgreSQL one run these. Each test works on
 * builds of its own, so a shared database does not disturb it.
 */
public abstract class AbstractAutoReleasesContractTest {
    protected QueueFixture f;

    protected abstract QueueFixture.Ports ports();

    protected abstract AutoReleases autoReleases();

    protected abstract TestTasks tests();

    protected abstract SignKeys keys();

    protected abstract SignTasks signTasks();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
    }

    private <T> T tx(java.util.function.Supplier<T> work) {
        return f.ports().tx().inTransaction(work);
    }

    private AutoReleases.BuildFacts facts(long buildId) {
        return tx(() -> autoReleases().lockBuild(buildId)).orElseThrow();
    }

    @Test
    void aNewBuildsFactsItsPlatformAndOwnerAndNothingDoneYet() {
        User owner = f.user("owner");
        Platform p = f.platform("el9", "x86_64");
        long build = f.build(owner, p, List.of("x86_64"), true, "pkg").id();
        AutoReleases.BuildFacts facts = facts(build);
        assertThat(facts.buildId()).isEqualTo(build);
        assertThat(facts.owner()).isEqualTo(owner.id());
        assertThat(facts.platformIds()).containsExactly(p.id());
        assertThat(autoReleases().platformIds(build)).containsExactly(p.id());
        assertThat(facts.unfinished()).as("src and x86_64").isEqualTo(2);
        assertThat(facts.notCompleted()).isZero();
        assertThat(facts.latestTests()).isEmpty();
        assertThat(facts.signed()).isFalse();
        assertThat(facts.released()).isFalse();
        assertThat(facts.openSignTask()).isEmpty();
        assertThat(facts.events()).isEmpty();

        assertThat(tx(() -> autoReleases().lockBuild(987654321L))).isEmpty();
        assertThat(autoReleases().platformIds(987654321L)).isEmpty();
    }

    @Test
    void tasksThatEndedOtherwiseThanCompletedAreCounted() {
        User owner = f.user("owner");
        User node = f.user("node");
        Platform p = f.platform("el9", "x86_64");
        QueueFixture.SeededBuild build = f.build(owner, p, List.of("x86_64"), true, "pkg");
        long src = build.task("src", 0);
        f.claim(node, src, T0);
        f.finish(node, src, NodeOutcome.FAILED, T0);
        AutoReleases.BuildFacts facts = facts(build.id());
        assertThat(facts.notCompleted()).as("the failed src task (and the x86_64 task it fails fast, if it"
                + " did)").isPositive();
        assertThat(facts.unfinished() + facts.notCompleted()).isEqualTo(2);
    }

    @Test
    void onlyTheLatestRevisionOfEachBuildTasksTestsCounts() {
        User owner = f.user("owner");
        Platform p = f.platform("el9", "x86_64");
        QueueFixture.SeededBuild build = f.build(owner, p, List.of("x86_64"), true, "pkg");
        long x86 = build.task("x86_64", 0);
        long src = build.task("src", 0);
        TestedPackage pkg = new TestedPackage("pkg", "0", "1", "1.el9");
        tx(() -> tests().create(List.of(TestTask.created(build.id(), x86, 1, pkg, "x86_64"),
                TestTask.created(build.id(), x86, 1, new TestedPackage("pkg-doc", "0", "1", "1.el9"), "x86_64"),
                TestTask.created(build.id(), x86, 2, pkg, "x86_64"),
                TestTask.created(build.id(), src, 1, pkg, "x86_64")), T0));
        assertThat(facts(build.id()).latestTests()).as("revision 2 of x86_64, revision 1 of src")
                .containsExactly(TestTaskStatus.CREATED, TestTaskStatus.CREATED);
    }

    @Test
    void anOpenSignTaskIsNamed() {
        User owner = f.user("owner");
        Platform p = f.platform("el9", "x86_64");
        long build = f.build(owner, p, List.of("x86_64"), true, "pkg").id();
        String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").toUpperCase();
        long key = tx(() -> keys().insert(new SignKey(0, "k", null, hex.substring(0, 16), hex.substring(16, 56),
                null, T0, true, null, List.of(p.id()), null, false, null)));
        long task = tx(() -> signTasks().insert(SignTask.created(0, build, key)));
        assertThat(facts(build).openSignTask()).contains(task);
    }

    @Test
    void aBuildsHistoryIsKeptInOrderAndReadWithItsFactsAndGoesWithTheBuild() {
        User owner = f.user("owner");
        Platform p = f.platform("el9", "x86_64");
        long build = f.build(owner, p, List.of("x86_64"), true, "pkg").id();
        long other = f.build(owner, p, List.of("x86_64"), true, "pkg2").id();
        BuildEvent first = new BuildEvent(build, T0, "sign_task_created", "sign task 1 created with key K");
        BuildEvent second = new BuildEvent(build, T0.plusSeconds(60), "release_planned", "release 2 planned: …");
        tx(() -> {
            autoReleases().record(first);
            autoReleases().record(second);
            autoReleases().record(new BuildEvent(other, T0, "tests_failed", "tests failed: not signed"));
            return null;
        });
        assertThat(autoReleases().events(build)).containsExactly(first, second);
        assertThat(facts(build).events()).containsExactly(first, second);
        assertThat(autoReleases().events(other)).hasSize(1);

        tx(() -> {
            f.ports().builds().delete(build);
            return null;
        });
        assertThat(autoReleases().events(build)).isEmpty();
        assertThat(autoReleases().events(other)).hasSize(1);
    }
}
