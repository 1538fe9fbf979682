package org.albs.application.builds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskQueue;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.TaskResults.ArtifactReport;
import org.albs.application.port.out.Transactions;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.DispatchPolicy;
import org.albs.domain.builds.MockOptions;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

/** The build-node protocol: get_task, ping, build_done, and the sweeper for leases nobody comes back for. */
public class DispatchService {
    /** Expired tasks failed per get_task at most, so one call never turns into a long sweep. */
    private static final int MAX_EXPIRED_PER_CLAIM = 50;

    private final TaskQueue queue;
    private final Builds builds;
    private final TaskResults results;
    private final Platforms platforms;
    private final Transactions tx;
    private final Clock clock;
    private final DispatchPolicy policy;
    private final String srpmBaseUrl;
    private final Map<Long, String> platformNames = new ConcurrentHashMap<>();

    public DispatchService(TaskQueue queue, Builds builds, TaskResults results, Platforms platforms,
                           Transactions tx, Clock clock, DispatchPolicy policy, String srpmBaseUrl) {
        this.queue = queue;
        this.builds = builds;
        this.results = results;
        this.platforms = platforms;
        this.tx = tx;
        this.clock = clock;
        this.policy = policy;
        this.srpmBaseUrl = srpmBaseUrl.endsWith("/") ? srpmBaseUrl : srpmBaseUrl + "/";
    }

    public DispatchPolicy policy() {
        return policy;
    }

    /**
     * Hands the caller one task, or nothing. Expired leases are taken over first (they have waited longest);
     * otherwise the owner with the fewest tasks in flight gets the next turn, FIFO within the owner.
     */
    public Optional<TaskPayload> nextTask(User node, GetTaskCommand cmd) {
        if (cmd.supportedArches().isEmpty()) {
            return Optional.empty();
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            OpenTaskCounts counts = new OpenTaskCounts();
            TaskAssignment claimed = null;
            for (int i = 0; i < MAX_EXPIRED_PER_CLAIM && claimed == null; i++) {
                Optional<BuildTask> next = queue.lockNext(cmd.supportedArches(), cmd.excludedPackages(), now);
                if (next.isEmpty()) {
                    break;
                }
                BuildTask task = next.get();
                BuildTask.Change change = task.status() == BuildTaskStatus.IDLE
                        ? task.claim(node.id(), now, policy)
                        : task.takeOverExpired(node.id(), now, policy);
                if (change.task().status() == BuildTaskStatus.STARTED) {
                    claimed = queue.claim(change);
                } else {
                    // its last lease ran out: it fails, and the node gets the next candidate
                    queue.save(change);
                    finished(change.task(), counts);
                }
            }
            counts.writeTo(builds, now);
            return Optional.ofNullable(claimed).map(a -> payload(a, cmd));
        });
    }

    /** Renews the leases of the caller's own started tasks; other ids are ignored. */
    public void ping(User node, List<Long> activeTasks) {
        Problems p = new Problems();
        if (activeTasks == null) {
            p.add("Field required", "missing", "body", "active_tasks");
        } else if (activeTasks.size() > 10_000) {
            p.add("at most 10000 task ids", "too_long", "body", "active_tasks");
        } else {
            for (int i = 0; i < activeTasks.size(); i++) {
                if (activeTasks.get(i) == null || activeTasks.get(i) <= 0) {
                    p.add("task id must be a positive integer", "value_error", "body", "active_tasks", i);
                }
            }
        }
        p.throwIfAny();
        if (activeTasks.isEmpty()) {
            return;
        }
        tx.inTransaction(() -> {
            Instant now = clock.instant();
            return queue.renewLeases(node.id(), activeTasks, now, now.plus(policy.leaseDuration()));
        });
    }

    /**
     * Records a node's result in one transaction: status, artifacts, statistics and the artifact-store job; the SRPM
     * for sibling tasks, fast-fail of siblings when the SRPM failed, released dependants, the build's end.
     */
    public void buildDone(User node, BuildDoneCommand cmd) {
        tx.run(() -> {
            Instant now = clock.instant();
            BuildTask task = queue.lock(cmd.taskId())
                    .orElseThrow(() -> new NotFoundException("Build task with id " + cmd.taskId() + " is not found"));
            BuildTask.Change change = task.finish(node.id(), cmd.outcome(), cmd.nodeStart(), now);
            String srpmUrl = null;
            String srpmHash = null;
            int ended = 1;
            if (task.builtSrpmUrl() == null) {
                Optional<ArtifactReport> srpm = cmd.artifacts().stream().filter(ArtifactReport::isSourceRpm).findFirst();
                if (srpm.isPresent() && cmd.outcome() == NodeOutcome.DONE) {
                    srpmUrl = srpmPath(task, srpm.get().name());
                    srpmHash = srpm.get().casHash();
                } else if (srpm.isEmpty() && cmd.outcome() == NodeOutcome.FAILED) {
                    for (BuildTask sibling : queue.lockIdleSiblings(task.refId(), task.platformId())) {
                        BuildTask.Change failed = sibling.fastFail(task.arch(), now);
                        queue.save(failed);
                        queue.releaseDependants(failed.task());
                        ended++;
                    }
                }
            }
            // the common case is this one call: one round trip on PostgreSQL
            results.store(new TaskResults.Report(change, cmd.artifacts(), statistics(cmd, now), cmd.gitCommitHash(),
                    cmd.almaCommitCasHash(), cmd.casAuthenticated(), srpmUrl, srpmHash, ended), now);
        });
    }

    /** Fails started tasks whose last lease ran out and that no get_task has come for. Returns how many. */
    public int failExhaustedLeases(int limit) {
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            OpenTaskCounts counts = new OpenTaskCounts();
            List<BuildTask> exhausted = queue.lockExhausted(now, policy.maxAttempts(), limit);
            for (BuildTask task : exhausted) {
                BuildTask.Change change = task.expireFinally(now, policy);
                queue.save(change);
                finished(change.task(), counts);
            }
            counts.writeTo(builds, now);
            return exhausted.size();
        });
    }

    private void finished(BuildTask task, OpenTaskCounts counts) {
        queue.releaseDependants(task);
        counts.add(task.buildId(), -1);
    }

    /** Upstream's relative SRPM location in the build's source repository. */
    private String srpmPath(BuildTask task, String srpmName) {
        // a platform's name never changes (it is how PUT finds the platform), so it can be kept forever
        String platform = platformNames.computeIfAbsent(task.platformId(), id -> platforms.findById(id)
                .map(Platform::name).orElse("platform-" + id));
        return platform + "-src-" + task.buildId() + "-br/Packages/"
                + srpmName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + srpmName;
    }

    private static Map<String, Object> statistics(BuildDoneCommand cmd, Instant now) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("build_node_stats", cmd.stats() == null ? Map.of() : cmd.stats());
        stats.put("build_done_stats", Map.of("build_done", Map.of("start_ts", now.toString(), "end_ts",
                now.toString(), "delta", "0:00:00")));
        return stats;
    }

    private TaskPayload payload(TaskAssignment a, GetTaskCommand cmd) {
        String repoArch = cmd.repositoryArch(a.arch(), a.platform().archList());
        List<TaskPayload.Repo> repos = new ArrayList<>();
        for (Repository r : a.platform().repositories()) {
            if (r.arch().equals(repoArch) && !r.type().equals("build_log")) {
                repos.add(new TaskPayload.Repo(r.name(), r.url(), r.priority(), r.mockEnabled()));
            }
        }
        Map<String, Object> data = MockOptions.forTask(a.platform().data(), a.buildMockOptions(),
                a.taskMockOptions(), a.secureBoot());
        return new TaskPayload(a.taskId(), a.arch(), a.buildId(),
                new TaskPayload.Ref(a.ref().url(), a.ref().gitRef(), a.ref().refType().code(), a.ref().gitCommitHash()),
                new TaskPayload.PlatformData(a.platform().name(), a.platform().type(), data),
                new TaskPayload.CreatedBy(a.ownerName(), a.ownerEmail()),
                a.almaCommitCasHash(), a.builtSrpmUrl() != null ? a.srpmHash() : null, a.casAuthenticated(),
                a.secureBoot(), repos, a.linkedBuilds(),
                a.builtSrpmUrl() != null ? srpmBaseUrl + a.builtSrpmUrl() : null);
    }
}
