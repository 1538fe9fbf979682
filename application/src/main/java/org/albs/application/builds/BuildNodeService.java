package org.albs.application.builds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.albs.application.lease.Dispatcher;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.builds.GetTaskUseCase;
import org.albs.application.port.in.builds.PingCommand;
import org.albs.application.port.in.builds.RenewLeasesUseCase;
import org.albs.application.port.in.builds.ReportBuildDoneUseCase;
import org.albs.application.port.in.builds.SweepExpiredLeasesUseCase;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskCriteria;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.Transactions;
import org.albs.application.testing.TestTaskCreation;
import org.albs.domain.NotFoundException;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.MockOptions;
import org.albs.domain.identity.User;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

/**
 * The build-node protocol (get_task, ping, build_done) and the sweep of leases no node comes back for: build tasks
 * on the lease queue, plus what only builds do when a task ends (its dependants stop waiting, the build counts it).
 */
public class BuildNodeService implements GetTaskUseCase, RenewLeasesUseCase, ReportBuildDoneUseCase,
        SweepExpiredLeasesUseCase {
    private final BuildTaskQueue queue;
    private final Dispatcher<BuildTask, TaskCriteria, TaskAssignment> dispatcher;
    private final Builds builds;
    private final TaskResults results;
    private final StoreJobs jobs;
    private final Platforms platforms;
    private final Transactions tx;
    private final Clock clock;
    private final String srpmBaseUrl;
    private final Map<Long, String> platformNames = new ConcurrentHashMap<>();
    private final TestTaskCreation testing;

    /**
     * @param srpmBaseUrl where nodes download a built SRPM from: the task's SRPM location is appended to it
     */
    public BuildNodeService(BuildTaskQueue queue, Builds builds, TaskResults results, StoreJobs jobs,
                            Platforms platforms, Transactions tx, Clock clock, LeaseTerms terms, String srpmBaseUrl) {
        this(queue, builds, results, jobs, platforms, tx, clock, terms, srpmBaseUrl, null);
    }

    /**
     * @param testing makes a settled build's tests, in the transaction that settled it (null: builds are not tested)
     */
    public BuildNodeService(BuildTaskQueue queue, Builds builds, TaskResults results, StoreJobs jobs,
                            Platforms platforms, Transactions tx, Clock clock, LeaseTerms terms, String srpmBaseUrl,
                            TestTaskCreation testing) {
        this.testing = testing;
        this.jobs = jobs;
        this.queue = queue;
        this.dispatcher = new Dispatcher<>(queue, terms);
        this.builds = builds;
        this.results = results;
        this.platforms = platforms;
        this.tx = tx;
        this.clock = clock;
        this.srpmBaseUrl = srpmBaseUrl.endsWith("/") ? srpmBaseUrl : srpmBaseUrl + "/";
    }

    @Override
    public Optional<TaskPayload> nextTask(User node, GetTaskCommand cmd) {
        if (cmd.supportedArches().isEmpty()) {
            return Optional.empty();
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Dispatcher.Claim<BuildTask, TaskAssignment> claim = dispatcher.claim(node.id(),
                    new TaskCriteria(cmd.supportedArches(), cmd.excludedPackages()), now);
            ended(claim.ended(), now);
            return claim.leased().map(offer -> payload(offer.work(), offer.payload(), cmd));
        });
    }

    @Override
    public int ping(User node, PingCommand cmd) {
        if (cmd.activeTasks().isEmpty()) {
            return 0;
        }
        return tx.inTransaction(() -> dispatcher.renew(node.id(), cmd.activeTasks(), clock.instant()).size());
    }

    @Override
    public void buildDone(User node, BuildDoneCommand cmd) {
        tx.run(() -> {
            Instant now = clock.instant();
            BuildTask task = queue.lock(cmd.taskId())
                    .orElseThrow(() -> new NotFoundException("Build task with id " + cmd.taskId() + " is not found"));
            BuildTask.Reported reported = task.report(node.id(), cmd.report(), platformName(task.platformId()), now);
            int ended = 1;
            if (reported.failsIdleSiblings()) {
                for (BuildTask sibling : queue.lockIdleSiblings(task.refId(), task.platformId())) {
                    Change<BuildTask> failed = sibling.fastFail(task.arch(), now);
                    queue.save(failed);
                    queue.releaseDependants(failed.work());
                    ended++;
                }
            }
            BuildProgress progress = results.store(new TaskResults.Report(reported.change(), cmd.artifacts(),
                    statistics(cmd, now), cmd.gitCommitHash(), reported.deliveredSrpm(), reported.awaitsImport(),
                    ended));
            OpenTaskCounts.settle(builds, progress, now);
            if (progress.isFinished() && testing != null) {
                testing.whenSettled(task.buildId(), now);
            }
        });
    }

    @Override
    public Sweep failExhaustedLeases(int limit) {
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Dispatcher.Sweep<BuildTask> sweep = dispatcher.sweep(now, limit);
            ended(sweep.ended(), now);
            return new Sweep(sweep.ended().stream().map(c -> c.work().id()).toList(), sweep.refused());
        });
    }

    /**
     * Tasks the queue ended (their last lease ran out): their dependants stop waiting, their builds count them, and
     * a ref whose last task this was on its platform is finalized (no import will come to do it).
     */
    private void ended(List<Change<BuildTask>> ended, Instant now) {
        OpenTaskCounts counts = new OpenTaskCounts();
        for (Change<BuildTask> change : ended) {
            queue.releaseDependants(change.work());
            jobs.enqueueFinalizationWhenSettled(change.work().id(), now);
            counts.add(change.work().buildId(), -1);
        }
        counts.writeTo(builds, now);
        if (testing != null) {
            ended.stream().map(c -> c.work().buildId()).distinct().sorted()
                    .forEach(build -> testing.whenSettled(build, now));
        }
    }

    /** A platform's name never changes (it is how PUT finds the platform), so it is kept once read. */
    private String platformName(long platformId) {
        return platformNames.computeIfAbsent(platformId, id -> platforms.findById(id).map(Platform::name)
                .orElse("platform-" + id));
    }

    private static Map<String, Object> statistics(BuildDoneCommand cmd, Instant now) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("build_node_stats", cmd.stats() == null ? Map.of() : cmd.stats());
        stats.put("build_done_stats", Map.of("build_done", Map.of("start_ts", now.toString(), "end_ts",
                now.toString(), "delta", "0:00:00")));
        return stats;
    }

    private TaskPayload payload(BuildTask task, TaskAssignment a, GetTaskCommand cmd) {
        String repoArch = cmd.repositoryArch(task.arch(), a.platform().archList());
        List<TaskPayload.Repo> repos = new ArrayList<>();
        for (Repository r : a.platform().repositories()) {
            if (r.arch().equals(repoArch) && !r.type().equals("build_log")) {
                repos.add(new TaskPayload.Repo(r.name(), r.url(), r.priority(), r.mockEnabled()));
            }
        }
        for (TaskAssignment.BuildRepo r : a.buildRepositories()) {
            if (r.arch().equals(repoArch)) {
                repos.add(new TaskPayload.Repo(r.name(), r.url(), r.priority(), r.mockEnabled()));
            }
        }
        // then the flavours' repositories of the arch, all types (upstream get_task)
        for (TaskAssignment.Flavour f : a.flavours()) {
            for (TaskAssignment.BuildRepo r : f.repositories()) {
                if (r.arch().equals(repoArch)) {
                    repos.add(new TaskPayload.Repo(r.name(), r.url(), r.priority(), r.mockEnabled()));
                }
            }
        }
        Map<String, Object> data = MockOptions.forTask(a.platform().data(),
                a.flavours().stream().map(TaskAssignment.Flavour::data).toList(), a.buildMockOptions(),
                a.taskMockOptions(), a.secureBoot());
        boolean hasSrpm = task.srpm() != null;
        return new TaskPayload(task.id(), task.arch(), task.buildId(),
                new TaskPayload.Ref(a.ref().url(), a.ref().gitRef(), a.ref().refType().code(), a.ref().gitCommitHash()),
                new TaskPayload.PlatformData(a.platform().name(), a.platform().type(), data),
                new TaskPayload.CreatedBy(a.ownerName(), a.ownerEmail()),
                task.cas().almaCommitCasHash(), hasSrpm ? task.srpm().hash() : null, task.cas().authenticated(),
                a.secureBoot(), repos, a.linkedBuilds(), hasSrpm ? srpmBaseUrl + task.srpm().url() : null);
    }
}
