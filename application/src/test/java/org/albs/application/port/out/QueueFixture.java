package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildPlanner;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.BuiltArtifact;
import org.albs.domain.builds.CasFacts;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.NodeReport;
import org.albs.domain.builds.PlatformTarget;
import org.albs.domain.builds.RefType;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;

/**
 * Seeds users, platforms and builds through the out-ports only, and drives tasks through the domain's state
 * changes, one transaction per step; so the same contract runs against any adapter. Names get a random suffix,
 * so a shared database never sees a clash.
 */
public final class QueueFixture {
    /** The out-ports a contract test needs. */
    public record Ports(Users users, Platforms platforms, Builds builds, BuildTaskQueue queue, TaskResults results,
                        Transactions tx) {
    }

    /** A stored build with its tasks as {@link Builds#restartCandidates} lists them. */
    public record SeededBuild(long id, long platformId, List<RestartPlanner.Candidate> tasks) {
        /** The id of the task of the ref at {@code index} for {@code arch} ("src" for the source build). */
        public long task(String arch, int index) {
            return tasks.stream().filter(t -> t.arch().equals(arch) && t.index() == index).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + arch + " task for ref " + index)).id();
        }
    }

    public record Claim(BuildTask task, TaskAssignment assignment) {
    }


    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    public static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(20), 3);

    private final Ports ports;
    private BuildProgress lastProgress;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    public QueueFixture(Ports ports) {
        this.ports = ports;
    }

    public Ports ports() {
        return ports;
    }

    public static String packageUrl(String name) {
        return "https://git.almalinux.org/rpms/" + name + ".git";
    }

    public User user(String name) {
        String unique = name + "-" + suffix;
        return ports.tx().inTransaction(() -> ports.users().insert(
                new NewUser(unique, unique + "@example.org", null, true, true, false), T0));
    }

    public Platform platform(String name, String... arches) {
        String unique = name + "-" + suffix;
        return ports.tx().inTransaction(() -> ports.platforms().insert(new Platform(null, unique, "rpm",
                "almalinux", "9", "almalinux", null, null, null, null, List.of(arches), null, null,
                Map.of("mock", Map.of("root", unique)), null, false, List.of(), List.of())));
    }

    /** A build of one package per ref on one platform, as the planner plans it. */
    public SeededBuild build(User owner, Platform platform, List<String> arches, boolean independent,
                             String... packages) {
        List<BuildTaskRef> refs = Arrays.stream(packages)
                .map(p -> new BuildTaskRef(packageUrl(p), "c9", RefType.GIT_BRANCH, null, null, null)).toList();
        return build(new Builds.NewBuild(owner.id(), null, false, null, List.of()), refs,
                new PlatformTarget(platform, arches, independent));
    }

    public SeededBuild build(Builds.NewBuild build, List<BuildTaskRef> refs, PlatformTarget target) {
        BuildPlan plan = BuildPlanner.plan(List.of(target), refs, build.mockOptions(), build.secureBoot());
        long id = ports.tx().inTransaction(() -> ports.builds().create(build, refs, plan, T0));
        ports.tx().run(() -> ports.queue().repositoriesReady(id));
        return new SeededBuild(id, target.platform().id(), ports.builds().restartCandidates(id));
    }

    /** What a claim would hand out now, without claiming it. */
    public Optional<BuildTask> next(Instant now, List<String> arches, String... excluded) {
        return ports.tx().inTransaction(() -> ports.queue().lockClaimable(
                new TaskCriteria(arches, List.of(excluded)), now, 1)).stream().findFirst().map(LeaseQueue.Offer::work);
    }

    public Optional<Long> nextId(Instant now, String... arches) {
        return next(now, List.of(arches)).map(BuildTask::id);
    }

    /** Claims (or takes over) the next task for the node, as get_task does. */
    public Claim claimNext(User node, Instant now, String... arches) {
        return ports.tx().inTransaction(() -> {
            LeaseQueue.Offer<BuildTask, TaskAssignment> offer = ports.queue().lockClaimable(
                    new TaskCriteria(List.of(arches), List.of()), now, 1).stream().findFirst()
                    .orElseThrow(() -> new AssertionError("nothing to claim for " + List.of(arches)));
            BuildTask task = offer.work();
            Change<BuildTask> change = task.status() == BuildTaskStatus.IDLE ? task.claim(node.id(), now, TERMS)
                    : task.takeOver(node.id(), now, TERMS);
            assertThat(change.work().status()).isEqualTo(BuildTaskStatus.STARTED);
            ports.queue().save(change);
            return new Claim(change.work(), offer.payload());
        });
    }

    /** Claims everything the node may build now, one by one; the ids in the order they were handed out. */
    public List<Long> claimAll(User node, Instant now, String... arches) {
        List<Long> ids = new ArrayList<>();
        while (next(now, List.of(arches)).isPresent()) {
            ids.add(claimNext(node, now, arches).task().id());
        }
        return ids;
    }

    public BuildTask lock(long taskId) {
        return ports.tx().inTransaction(() -> ports.queue().lock(taskId))
                .orElseThrow(() -> new AssertionError("no task " + taskId));
    }

    /** The holder reports the outcome; the task's dependants are released. */
    public BuildTask finish(User node, long taskId, NodeOutcome outcome, Instant now) {
        return ports.tx().inTransaction(() -> save(lock(taskId).finish(node.id(), outcome, null, now), true));
    }

    /** Claims this idle task, whatever a claim would choose. */
    public BuildTask claim(User node, long taskId, Instant now) {
        return ports.tx().inTransaction(() -> save(lock(taskId).claim(node.id(), now, TERMS), false));
    }

    /** Saves the change in a transaction of its own; releases the task's dependants when it ended. */
    public BuildTask save(Change<BuildTask> change, boolean ended) {
        return ports.tx().inTransaction(() -> {
            ports.queue().save(change);
            if (ended) {
                ports.queue().releaseDependants(change.work());
            }
            return change.work();
        });
    }

    /**
     * The node reports its started task through {@link TaskResults#store}, with the facts a report may carry (a
     * src task delivering its SRPM when it built one); no artifacts, and the build's open count drops by one.
     */
    public BuildTask report(User node, long taskId, NodeOutcome outcome, Instant now, String srpmName,
                            CasFacts cas) {
        return ports.tx().inTransaction(() -> {
            List<BuiltArtifact> built = srpmName == null ? List.of()
                    : List.of(new BuiltArtifact(srpmName, "rpm", "/pulp/" + srpmName, "0".repeat(64), "cas-" + srpmName));
            BuildTask.Reported r = ports.queue().lock(taskId).orElseThrow().report(node.id(),
                    new NodeReport(outcome, built, null, cas), "el9", now);
            lastProgress = ports.results().store(new TaskResults.Report(r.change(), List.of(),
                    Map.of("build_node_stats", Map.of()), null, r.deliveredSrpm(), false, 1));
            return r.change().work();
        });
    }

    /** The build's progress as the last {@link #report} left it. */
    public BuildProgress lastProgress() {
        return lastProgress;
    }

    /** Claims this idle task, whatever a claim would choose, and has the node report it done. */
    public void run(User node, long taskId, Instant now) {
        claim(node, taskId, now);
        finish(node, taskId, NodeOutcome.DONE, now);
    }

    /** An idle task fails without running (its SRPM failed elsewhere); its dependants are released. */
    public BuildTask fastFail(long taskId, Instant now) {
        return ports.tx().inTransaction(() -> save(lock(taskId).fastFail("x86_64", now), true));
    }
}
