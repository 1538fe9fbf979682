package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.TERMS;
import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.application.port.out.QueueFixture.Claim;
import org.albs.application.port.out.QueueFixture.SeededBuild;
import org.albs.application.lease.Dispatcher;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.CasFacts;
import org.albs.domain.builds.Srpm;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.Lease;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.PlatformTarget;
import org.albs.domain.builds.RefType;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BuildTaskQueue} must do, whatever stores it: dispatch order (expired leases first, then fair share
 * between owners, FIFO within an owner), arches and excluded packages, dependency release (including a task that
 * finished without running handing its dependencies on), lease renewal, and the facts a claim returns.
 * Subclasses supply the ports over a store with no build tasks in it.
 */
public abstract class AbstractBuildTaskQueueContractTest {
    private static final List<String> X86 = List.of("x86_64");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    protected QueueFixture f;
    private User alice;
    private User bob;
    private User node;
    private User otherNode;
    private Platform el9;

    /** The ports under test, over a store without build tasks; called before each test. */
    protected abstract QueueFixture.Ports ports();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
        alice = f.user("alice");
        bob = f.user("bob");
        node = f.user("node");
        otherNode = f.user("node2");
        el9 = f.platform("AlmaLinux-9", "x86_64", "i686", "aarch64");
    }

    private SeededBuild independent(User owner, String... packages) {
        return f.build(owner, el9, X86, true, packages);
    }

    private SeededBuild chained(User owner, String... packages) {
        return f.build(owner, el9, X86, false, packages);
    }

    // ---- order ----

    @Test
    public void anEmptyQueueHasNothing() {
        assertThat(f.next(T0, List.of("src", "x86_64"))).isEmpty();
    }

    @Test
    public void readyTasksOfOneOwnerGoOutOldestFirst() {
        SeededBuild b = independent(alice, "bash", "zlib", "glibc");

        assertThat(f.claimAll(node, T0, "src")).containsExactly(b.task("src", 0), b.task("src", 1), b.task("src", 2));
    }

    @Test
    public void aNodeGetsOnlyTheArchesItAsksFor() {
        SeededBuild b = independent(alice, "bash");

        assertThat(f.next(T0, X86)).as("x86_64 waits for its src").isEmpty();
        assertThat(f.next(T0, List.of("aarch64", "i686"))).isEmpty();
        assertThat(f.nextId(T0, "x86_64", "src")).contains(b.task("src", 0));
    }

    @Test
    public void tasksWaitingForDependenciesAreNotHandedOut() {
        SeededBuild b = chained(alice, "bash", "zlib");

        assertThat(f.claimAll(node, T0, "src", "x86_64")).containsExactly(b.task("src", 0));
    }

    @Test
    public void ownersTakeTurnsWhenNeitherHasTasksInFlight() {
        SeededBuild a = independent(alice, "a1", "a2", "a3");
        SeededBuild b = independent(bob, "b1", "b2");

        assertThat(f.claimAll(node, T0, "src")).containsExactly(a.task("src", 0), b.task("src", 0),
                a.task("src", 1), b.task("src", 1), a.task("src", 2));
    }

    @Test
    public void betweenEqualOwnersTheOneWithTheOldestReadyTaskGoesFirst() {
        SeededBuild b = independent(bob, "b1", "b2");
        SeededBuild a = independent(alice, "a1", "a2");

        assertThat(f.claimAll(node, T0, "src")).containsExactly(b.task("src", 0), a.task("src", 0),
                b.task("src", 1), a.task("src", 1));
    }

    @Test
    public void theOwnerWithFewerTasksInFlightGoesFirst() {
        SeededBuild a = independent(alice, "a1", "a2", "a3");
        f.claimNext(node, T0, "src");
        f.claimNext(node, T0, "src"); // bob had nothing ready yet: alice has two in flight
        SeededBuild b = independent(bob, "b1", "b2", "b3");

        assertThat(f.claimAll(node, T0, "src")).containsExactly(b.task("src", 0), b.task("src", 1),
                a.task("src", 2), b.task("src", 2));
    }

    @Test
    public void onlyLiveLeasesCountAsInFlight() {
        // alice: an x86_64 task ready (its src done) and a src task started; bob: a younger x86_64 task ready
        SeededBuild a = independent(alice, "a1", "a2");
        f.run(node, a.task("src", 0), T0);
        f.claimNext(node, T0, "src");
        SeededBuild b = independent(bob, "b1");
        f.run(node, b.task("src", 0), T0);

        assertThat(f.nextId(T0.plus(MINUTE), "x86_64")).as("alice has a live lease").contains(b.task("x86_64", 0));
        Instant expired = T0.plus(TERMS.duration()).plus(MINUTE);
        assertThat(f.nextId(expired, "x86_64")).as("alice's lease expired: it does not count")
                .contains(a.task("x86_64", 0));
    }

    @Test
    public void anOwnerWithNothingForTheNodesArchesIsPassedOver() {
        SeededBuild a = independent(alice, "a1");
        SeededBuild b = independent(bob, "b1");
        f.run(node, b.task("src", 0), T0);

        assertThat(f.nextId(T0, "src", "x86_64")).as("alice is first in line").contains(a.task("src", 0));
        assertThat(f.nextId(T0, "x86_64")).contains(b.task("x86_64", 0));
    }

    @Test
    public void expiredLeasesGoFirstTheLongestExpiredFirst() {
        SeededBuild a = independent(alice, "a1", "a2", "a3");
        f.claimNext(node, T0, "src");
        f.claimNext(node, T0.plus(MINUTE), "src");
        Instant late = T0.plus(Duration.ofMinutes(30));

        BuildTask first = f.next(late, List.of("src")).orElseThrow();
        assertThat(first.id()).isEqualTo(a.task("src", 0));
        assertThat(first.status()).isEqualTo(BuildTaskStatus.STARTED);
        assertThat(first.lease()).isEqualTo(new Lease(node.id(), T0, T0.plus(TERMS.duration())));

        Claim takenOver = f.claimNext(otherNode, late, "src");
        assertThat(takenOver.task().id()).isEqualTo(a.task("src", 0));
        assertThat(takenOver.task().attempt()).isEqualTo(2);
        assertThat(f.claimAll(otherNode, late, "src")).containsExactly(a.task("src", 1), a.task("src", 2));
    }

    @Test
    public void aLeaseExpiresAtItsExpiryInstantNotBefore() {
        SeededBuild a = independent(alice, "a1", "a2");
        f.claimNext(node, T0, "src");
        Instant expiry = T0.plus(TERMS.duration());

        assertThat(f.nextId(expiry.minusSeconds(1), "src")).contains(a.task("src", 1));
        assertThat(f.nextId(expiry, "src")).contains(a.task("src", 0));
    }

    @Test
    public void expiredLeasesAreHandedOnlyToNodesOfTheirArch() {
        SeededBuild a = independent(alice, "a1");
        f.run(node, a.task("src", 0), T0);
        f.claimNext(node, T0, "x86_64");
        Instant late = T0.plus(Duration.ofHours(1));

        assertThat(f.next(late, List.of("src", "aarch64"))).isEmpty();
        assertThat(f.nextId(late, "x86_64")).contains(a.task("x86_64", 0));
    }

    @Test
    public void excludedPackagesAreCaseInsensitiveSubstringsOfTheRefUrl() {
        SeededBuild a = independent(alice, "Kernel", "bash");

        assertThat(f.next(T0, List.of("src"), "KERNEL").map(BuildTask::id)).contains(a.task("src", 1));
        assertThat(f.next(T0, List.of("src"), "rpms/kern").map(BuildTask::id)).contains(a.task("src", 1));
        assertThat(f.next(T0, List.of("src"), "kernel", "bash")).isEmpty();
        assertThat(f.next(T0, List.of("src"), "zsh").map(BuildTask::id)).contains(a.task("src", 0));
    }

    @Test
    public void excludedPackagesHaveNoWildcards() {
        SeededBuild a = independent(alice, "bash");

        assertThat(f.next(T0, List.of("src"), "b_sh").map(BuildTask::id)).contains(a.task("src", 0));
        assertThat(f.next(T0, List.of("src"), "b%h").map(BuildTask::id)).contains(a.task("src", 0));
        assertThat(f.next(T0, List.of("src"), "%").map(BuildTask::id)).contains(a.task("src", 0));
    }

    @Test
    public void expiredLeasesOfExcludedPackagesAreSkippedToo() {
        SeededBuild a = independent(alice, "kernel", "bash");
        f.claimNext(node, T0, "src");
        Instant late = T0.plus(Duration.ofHours(1));

        assertThat(f.next(late, List.of("src"), "kernel").map(BuildTask::id)).contains(a.task("src", 1));
    }

    // ---- dependencies ----

    @Test
    public void aFinishedTaskReleasesItsDependants() {
        SeededBuild b = chained(alice, "bash", "zlib");
        f.run(node, b.task("src", 0), T0);

        assertThat(f.claimAll(node, T0, "src", "x86_64")).containsExactly(b.task("src", 1), b.task("x86_64", 0));
        assertThat(f.next(T0, List.of("x86_64"))).as("x86_64 #1 waits for x86_64 #0").isEmpty();
        f.finish(node, b.task("x86_64", 0), NodeOutcome.FAILED, T0);
        assertThat(f.next(T0, List.of("x86_64"))).as("and for src #1").isEmpty();
        f.finish(node, b.task("src", 1), NodeOutcome.DONE, T0);
        assertThat(f.nextId(T0, "x86_64")).contains(b.task("x86_64", 1));
    }

    @Test
    public void aTaskFinishedWithoutRunningHandsItsDependenciesToItsDependants() {
        SeededBuild b = chained(alice, "p0", "p1", "p2");
        // x86_64 #1 waits for src #1 and x86_64 #0; x86_64 #2 for src #2 and x86_64 #1
        f.fastFail(b.task("x86_64", 1), T0);
        f.run(node, b.task("src", 0), T0);
        f.run(node, b.task("src", 1), T0);
        f.run(node, b.task("src", 2), T0);

        assertThat(f.claimAll(node, T0, "x86_64")).as("x86_64 #2 still waits for x86_64 #0")
                .containsExactly(b.task("x86_64", 0));
        f.finish(node, b.task("x86_64", 0), NodeOutcome.DONE, T0);
        assertThat(f.nextId(T0, "x86_64")).contains(b.task("x86_64", 2));
    }

    @Test
    public void anInheritedDependencyAlreadyWaitedForCountsOnce() {
        SeededBuild b = independent(alice, "p0", "p1", "p2");
        long s0 = b.task("src", 0);
        long s1 = b.task("src", 1);
        long s2 = b.task("src", 2);
        f.ports().tx().run(() -> f.ports().queue().addDependencies(List.of(
                new long[] {s2, s1}, new long[] {s2, s0}, new long[] {s1, s0})));
        f.fastFail(s1, T0);

        assertThat(f.claimAll(node, T0, "src")).containsExactly(s0);
        f.finish(node, s0, NodeOutcome.DONE, T0);
        assertThat(f.nextId(T0, "src")).contains(s2);
    }

    @Test
    public void addingADependencyTwiceCountsOnce() {
        SeededBuild b = independent(alice, "p0", "p1");
        long s0 = b.task("src", 0);
        long s1 = b.task("src", 1);
        f.ports().tx().run(() -> f.ports().queue().addDependencies(List.of(new long[] {s1, s0}, new long[] {s1, s0})));

        assertThat(f.claimAll(node, T0, "src")).containsExactly(s0);
        f.finish(node, s0, NodeOutcome.DONE, T0);
        assertThat(f.nextId(T0, "src")).contains(s1);
    }

    @Test
    public void cancellingIdleTasksLeavesNothingWaiting() {
        SeededBuild b = chained(alice, "p0", "p1");
        f.claimNext(node, T0, "src");
        f.ports().tx().run(() -> {
            List<BuildTask> idle = f.ports().queue().lockIdle(b.id());
            List<BuildTask> cancelled = idle.stream().map(t -> t.cancel(alice.id(), T0))
                    .peek(f.ports().queue()::save).map(Change::work).toList();
            cancelled.forEach(f.ports().queue()::releaseDependants);
        });
        f.finish(node, b.task("src", 0), NodeOutcome.DONE, T0);

        assertThat(f.next(T0, List.of("src", "x86_64"))).isEmpty();
        assertThat(f.lock(b.task("x86_64", 1)).status()).isEqualTo(BuildTaskStatus.CANCELLED);
    }

    @Test
    public void aRestartedTaskWaitsForNothingItWaitedForBefore() {
        SeededBuild b = chained(alice, "p0", "p1");
        long x1 = b.task("x86_64", 1);
        f.fastFail(x1, T0);
        f.ports().tx().run(() -> f.ports().queue().save(f.lock(x1).restart(alice.id(), true, T0)));

        assertThat(f.nextId(T0, "x86_64")).contains(x1);
    }

    // ---- locks by id, build, ref ----

    @Test
    public void lockIdleListsTheBuildsIdleTasksInIdOrder() {
        SeededBuild b = independent(alice, "p0", "p1");
        independent(bob, "other");
        f.claimNext(node, T0, "src");

        List<Long> idle = f.ports().tx().inTransaction(() -> f.ports().queue().lockIdle(b.id()))
                .stream().map(BuildTask::id).toList();
        assertThat(idle).containsExactly(b.task("src", 1), b.task("x86_64", 0), b.task("x86_64", 1));
    }

    @Test
    public void lockIdleSiblingsListsTheIdleTasksOfOneRefOnOnePlatform() {
        Platform el8 = f.platform("AlmaLinux-8", "x86_64", "i686");
        SeededBuild b = f.build(alice, el8, List.of("i686", "x86_64"), true, "p0", "p1");
        f.claimNext(node, T0, "src");
        BuildTask src = f.lock(b.task("src", 0));

        List<Long> siblings = f.ports().tx().inTransaction(() -> f.ports().queue()
                .lockIdleSiblings(src.refId(), src.platformId())).stream().map(BuildTask::id).toList();
        assertThat(siblings).containsExactly(b.task("i686", 0), b.task("x86_64", 0));
    }

    @Test
    public void lockReadsEveryFieldSaveWrote() {
        SeededBuild b = independent(alice, "p0");
        long id = b.task("src", 0);
        f.claimNext(node, T0, "src");
        Instant late = T0.plus(Duration.ofHours(2));
        f.ports().tx().run(() -> {
            BuildTask t = f.ports().queue().lock(id).orElseThrow();
            f.ports().queue().save(t.exhaust(late, new LeaseTerms(TERMS.duration(), 1)));
        });

        BuildTask failed = f.lock(id);
        assertThat(failed.status()).isEqualTo(BuildTaskStatus.FAILED);
        assertThat(failed.buildId()).isEqualTo(b.id());
        assertThat(failed.platformId()).isEqualTo(el9.id());
        assertThat(failed.owner()).isEqualTo(alice.id());
        assertThat(failed.arch()).isEqualTo("src");
        assertThat(failed.index()).isZero();
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.lease()).isEqualTo(new Lease(node.id(), T0, T0.plus(TERMS.duration())));
        assertThat(failed.error()).contains("no build node reported a result");
        assertThat(failed.startedAt()).isEqualTo(T0);
        assertThat(failed.finishedAt()).isEqualTo(late);
        assertThat(f.next(late, List.of("src"))).isEmpty();
    }

    @Test
    public void lockOfAnUnknownTaskIsEmpty() {
        assertThat(f.ports().tx().inTransaction(() -> f.ports().queue().lock(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    public void lockExhaustedFindsExpiredLeasesOnTheirLastAttempt() {
        SeededBuild b = independent(alice, "p0", "p1", "p2");
        f.claimNext(node, T0, "src");
        f.claimNext(node, T0.plus(MINUTE), "src");
        f.claimNext(node, T0.plus(Duration.ofMinutes(15)), "src");
        Instant at = T0.plus(Duration.ofMinutes(25));

        assertThat(exhausted(at, 1, 10)).containsExactly(b.task("src", 0), b.task("src", 1));
        assertThat(exhausted(at, 1, 1)).containsExactly(b.task("src", 0));
        assertThat(exhausted(at, 2, 10)).isEmpty();
    }

    private List<Long> exhausted(Instant now, int maxAttempts, int limit) {
        return f.ports().tx().inTransaction(() -> f.ports().queue().lockExhausted(now, maxAttempts, limit))
                .stream().map(BuildTask::id).toList();
    }

    // ---- leases ----

    @Test
    public void renewalsPushOnlyTheHoldersStartedTasksForward() {
        SeededBuild b = independent(alice, "p0", "p1", "p2");
        long mine = f.claimNext(node, T0, "src").task().id();
        long theirs = f.claimNext(otherNode, T0, "src").task().id();
        long idle = b.task("src", 2);
        Instant renewedAt = T0.plus(Duration.ofMinutes(10));

        List<Long> leased = f.ports().tx().inTransaction(() -> f.ports().queue()
                .lockLeased(List.of(mine, theirs, idle, Long.MAX_VALUE))).stream().map(BuildTask::id).toList();
        List<BuildTask> renewed = f.ports().tx().inTransaction(() -> new Dispatcher<>(f.ports().queue(), TERMS)
                .renew(node.id(), List.of(mine, theirs, idle, Long.MAX_VALUE), renewedAt));

        assertThat(leased).containsExactlyInAnyOrder(mine, theirs);
        assertThat(renewed).extracting(BuildTask::id).containsExactly(mine);
        assertThat(f.lock(mine).lease()).isEqualTo(new Lease(node.id(), renewedAt, renewedAt.plus(TERMS.duration())));
        assertThat(f.lock(mine).status()).isEqualTo(BuildTaskStatus.STARTED);
        assertThat(f.lock(theirs).lease()).isEqualTo(new Lease(otherNode.id(), T0, T0.plus(TERMS.duration())));
        assertThat(f.lock(idle).status()).isEqualTo(BuildTaskStatus.IDLE);
        assertThat(f.nextId(T0.plus(Duration.ofMinutes(25)), "src")).contains(theirs);
    }

    // ---- claims ----

    @Test
    public void aClaimReturnsWhatTheNodeNeeds() {
        SeededBuild linked = independent(bob, "dep");
        SeededBuild b = f.build(new Builds.NewBuild(alice.id(), Map.of("definitions", Map.of("vendor", "Test")), true,
                        null, List.of(linked.id())),
                List.of(new BuildTaskRef(QueueFixture.packageUrl("bash"), "c9s", RefType.GIT_TAG, "abc123",
                        Map.of("with", List.of("tests")), null)),
                new PlatformTarget(el9, X86, false));
        f.run(node, linked.task("src", 0), T0);

        Claim claim = f.claimNext(node, T0, "src");

        BuildTask t = claim.task();
        assertThat(t.id()).isEqualTo(b.task("src", 0));
        assertThat(t.buildId()).isEqualTo(b.id());
        assertThat(t.arch()).isEqualTo("src");
        assertThat(t.srpm()).isNull();
        assertThat(t.cas()).isEqualTo(CasFacts.NONE);
        TaskAssignment a = claim.assignment();
        assertThat(a.ref().url()).isEqualTo(QueueFixture.packageUrl("bash"));
        assertThat(a.ref().gitRef()).isEqualTo("c9s");
        assertThat(a.ref().refType()).isEqualTo(RefType.GIT_TAG);
        assertThat(a.ref().gitCommitHash()).isEqualTo("abc123");
        assertThat(a.platform().id()).isEqualTo(el9.id());
        assertThat(a.platform().name()).isEqualTo(el9.name());
        assertThat(a.platform().data()).isEqualTo(el9.data());
        assertThat(a.ownerName()).isEqualTo(alice.username());
        assertThat(a.ownerEmail()).isEqualTo(alice.email());
        assertThat(a.buildMockOptions()).isEqualTo(Map.of("definitions", Map.of("vendor", "Test")));
        assertThat(a.taskMockOptions()).containsEntry("with", List.of("tests"));
        assertThat(a.secureBoot()).isTrue();
        assertThat(a.linkedBuilds()).containsExactly(linked.id());
    }

    @Test
    public void aClaimCarriesTheSrpmAndCasFactsRecordedForTheTask() {
        SeededBuild b = independent(alice, "bash");
        long x86 = b.task("x86_64", 0);
        f.claim(node, b.task("src", 0), T0);
        f.report(node, b.task("src", 0), NodeOutcome.DONE, T0, "bash.src.rpm", null);
        // the x86_64 task ran once, reported CAS facts, failed and was restarted with its SRPM kept
        f.claim(node, x86, T0);
        f.report(node, x86, NodeOutcome.FAILED, T0, null, new CasFacts("commit-cas", true));
        f.ports().tx().run(() -> f.ports().queue().save(f.lock(x86).restart(alice.id(), false, T0)));

        BuildTask claimed = f.claimNext(node, T0, "x86_64").task();

        assertThat(claimed.id()).isEqualTo(x86);
        assertThat(claimed.srpm()).isEqualTo(new Srpm(Srpm.location("el9", b.id(), "bash.src.rpm"), "cas-bash.src.rpm"));
        assertThat(claimed.cas()).isEqualTo(new CasFacts("commit-cas", true));
        assertThat(f.lock(x86)).isEqualTo(claimed);
    }

    @Test
    public void aStoredReportReleasesDependantsHandsOnTheSrpmAndCountsTheBuildsOpenTasks() {
        SeededBuild b = chained(alice, "bash");
        long src = b.task("src", 0);
        long x86 = b.task("x86_64", 0);
        assertThat(f.nextId(T0, "x86_64")).isEmpty();
        f.claim(node, src, T0);

        BuildTask done = f.report(node, src, NodeOutcome.DONE, T0, "bash.src.rpm", null);

        assertThat(done.status()).isEqualTo(BuildTaskStatus.COMPLETED);
        assertThat(f.lock(src)).isEqualTo(done);
        assertThat(f.lastProgress()).isEqualTo(new BuildProgress(b.id(), 1, null));
        Claim next = f.claimNext(node, T0, "x86_64");
        assertThat(next.task().id()).isEqualTo(x86);
        assertThat(next.task().srpm()).isEqualTo(done.srpm());

        f.report(node, x86, NodeOutcome.FAILED, T0.plusSeconds(5), null, null);

        assertThat(f.lock(x86).status()).isEqualTo(BuildTaskStatus.FAILED);
        assertThat(f.lastProgress()).isEqualTo(new BuildProgress(b.id(), 0, null));
    }

    @Test
    public void aRestartedTaskIsReadyAgainWithOrWithoutItsSrpm() {
        SeededBuild b = independent(alice, "bash", "zlib");
        for (int i = 0; i < 2; i++) {
            f.claim(node, b.task("src", i), T0);
            f.report(node, b.task("src", i), NodeOutcome.DONE, T0, "p" + i + ".src.rpm", null);
            f.claimNext(node, T0, "x86_64");
            f.finish(node, b.task("x86_64", i), NodeOutcome.FAILED, T0);
        }
        Instant later = T0.plus(Duration.ofHours(1));
        f.ports().tx().run(() -> {
            f.ports().queue().save(f.lock(b.task("x86_64", 0)).restart(alice.id(), true, later));
            f.ports().queue().save(f.lock(b.task("x86_64", 1)).restart(alice.id(), false, later));
        });

        BuildTask restarted = f.lock(b.task("x86_64", 0));
        assertThat(restarted.status()).isEqualTo(BuildTaskStatus.IDLE);
        assertThat(restarted.lease()).isNull();
        assertThat(restarted.attempt()).isZero();
        assertThat(restarted.startedAt()).isNull();
        assertThat(restarted.finishedAt()).isNull();
        Claim first = f.claimNext(node, later, "x86_64");
        Claim second = f.claimNext(node, later, "x86_64");
        assertThat(first.task().id()).isEqualTo(b.task("x86_64", 0));
        assertThat(first.task().attempt()).isEqualTo(1);
        assertThat(first.task().srpm()).isNull();
        assertThat(second.task().srpm())
                .isEqualTo(new Srpm(Srpm.location("el9", b.id(), "p1.src.rpm"), "cas-p1.src.rpm"));
    }
}
