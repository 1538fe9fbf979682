package org.albs.application.artifacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albs.application.lease.Dispatcher;
import org.albs.application.port.in.artifacts.FindStoreJobsUseCase;
import org.albs.application.port.in.artifacts.RetryStoreJobUseCase;
import org.albs.application.port.in.artifacts.RunStoreJobsUseCase;
import org.albs.application.port.in.artifacts.StoreJobPage;
import org.albs.application.port.in.artifacts.StoreJobView;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.PackageKnowledge;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.TestSystemException;
import org.albs.application.port.out.Transactions;
import org.albs.domain.BadRequestException;
import org.albs.domain.NotFoundException;
import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.ImportPlan;
import org.albs.domain.artifacts.IndexFinalization;
import org.albs.domain.artifacts.RejectedArtifactsException;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;

/**
 * The artifact-store jobs: a worker claims one on the lease queue and works it step by step, each step's store
 * operation recorded before it is awaited and its end recorded after, so a job taken over after a crash resumes
 * where it was and never repeats a finished change. A store that does not answer makes the job back off (its lease
 * runs out when it may be tried again); a store that refuses fails the job, and for an import the task too.
 */
public class StoreJobService implements RunStoreJobsUseCase, FindStoreJobsUseCase, RetryStoreJobUseCase {
    private final StoreJobs jobs;
    private final Dispatcher<StoreJob, StoreJobs.AnyJob, StoreJobs.AnyJob> dispatcher;
    private final BuildArtifacts artifacts;
    private final BuildTaskQueue tasks;
    private final Platforms platforms;
    private final ArtifactStore store;
    private final PackageKnowledge knowledge;
    private final Transactions tx;
    private final Clock clock;
    private final Duration backOff;
    private final Duration maxBackOff;
    private final LeaseTerms terms;
    private final Map<Long, String> platformNames = new java.util.concurrent.ConcurrentHashMap<>();
    private final BuildSettled settled;
    private final Map<StoreJobKind, KindWork> otherKinds = new java.util.concurrent.ConcurrentHashMap<>();

    /** A kind of job another service works (signing ...), in a worker's run of it. */
    public interface KindWork {
        StoreJobKind kind();

        /** Works the job; throws as the built-in kinds do (a refusal fails the job, the rest backs off). */
        void work(JobRun run);

        /** The job failed for good, in the transaction that records it: what it was about fails too. */
        void failed(StoreJob job, String reason, Instant now);

        /**
         * The job's last lease ran out (its workers died or hung; an operator may retry it), in the transaction
         * that fails it. Nothing by default: what the job is about waits for the retry, as an import's task does.
         */
        default void leaseRanOut(StoreJob job, String reason, Instant now) {
        }
    }

    /** What a kind's work does through the run, with the same fencing and crash safety as the built-in kinds. */
    public interface JobRun {
        StoreJob job();

        /** The job with more steps, recorded with the next save. */
        void record(StoreJob next);

        /** Records the steps and renews the lease, with {@code alsoWrite} in that transaction. */
        void saveWith(Runnable alsoWrite);

        /** Runs a step's store operation once (started and recorded, then awaited); returns what it created. */
        List<String> operation(String step, java.util.function.Supplier<ArtifactStore.Operation> start);

        void change(String repoName, StoredRepository repo, Set<String> add, Set<String> remove);

        void publish(String repoName, StoredRepository repo);

        /** Ends the job done, with {@code alsoWrite} in that transaction. */
        void finish(String note, Runnable alsoWrite);

        /**
         * Ends the job done in one transaction that first runs {@code writeFirst} (given the time; it may
         * {@link #record} steps) and then records the job's end with the note it returns.
         */
        void finishAfter(java.util.function.Function<Instant, String> writeFirst);
    }

    /** Adds a kind worked by another service. */
    public void register(KindWork work) {
        otherKinds.put(work.kind(), work);
    }

    /**
     * Told when a build may have settled (an import or a finalization ended, an import failed for good), in the
     * transaction that wrote it: testing gives a settled build its tests.
     */
    @FunctionalInterface
    public interface BuildSettled {
        /** Nobody listens: no settled build gets its tests. */
        BuildSettled NONE = (buildId, now) -> { };

        /** In the caller's transaction: the build may be settled now. */
        void whenSettled(long buildId, Instant now);
    }

    /** {@code settled} hears of every build that may have settled ({@link BuildSettled#NONE}: nobody). */
    public StoreJobService(StoreJobs jobs, BuildArtifacts artifacts, BuildTaskQueue tasks, Platforms platforms,
                           ArtifactStore store, PackageKnowledge knowledge, Transactions tx, Clock clock,
                           LeaseTerms terms, Duration backOff, Duration maxBackOff, BuildSettled settled) {
        this.settled = settled;
        this.jobs = jobs;
        this.dispatcher = new Dispatcher<>(jobs, terms);
        this.terms = terms;
        this.artifacts = artifacts;
        this.tasks = tasks;
        this.platforms = platforms;
        this.store = store;
        this.knowledge = knowledge;
        this.tx = tx;
        this.clock = clock;
        this.backOff = backOff;
        this.maxBackOff = maxBackOff;
    }

    @Override
    public UserId newWorker() {
        return tx.inTransaction(jobs::newWorkerId);
    }

    @Override
    public boolean workOnce(UserId worker) {
        Optional<StoreJob> claimed = tx.inTransaction(() -> {
            Instant now = clock.instant();
            Dispatcher.Claim<StoreJob, StoreJobs.AnyJob> claim = dispatcher.claim(worker, StoreJobs.AnyJob.INSTANCE,
                    now);
            // jobs whose last lease ran out failed on the way: their kinds hear of it
            claim.ended().forEach(c -> {
                KindWork other = otherKinds.get(c.work().kind());
                if (other != null) {
                    other.leaseRanOut(c.work(), c.work().state().error(), now);
                }
            });
            return claim.leased().map(offer -> offer.work());
        });
        if (claimed.isEmpty()) {
            return false;
        }
        new Run(worker, claimed.get()).work();
        return true;
    }

    /** The job's lease was taken over by another worker: this one stops without writing anything more. */
    private static final class LostLease extends RuntimeException {
        LostLease(long id) {
            super("store job " + id + " was taken over by another worker", null, false, false);
        }
    }

    /** One worker's run of one job. */
    private final class Run implements JobRun {
        private final UserId worker;
        private StoreJob job;

        Run(UserId worker, StoreJob job) {
            this.worker = worker;
            this.job = job;
        }

        void work() {
            try {
                try {
                    switch (job.kind()) {
                        case CREATE_REPOSITORIES -> createRepositories();
                        case IMPORT_ARTIFACTS -> importArtifacts();
                        case FINALIZE_INDEX -> finalizeIndex();
                        case DELETE_REPOSITORIES -> deleteRepositories();
                        default -> Optional.ofNullable(otherKinds.get(job.kind())).orElseThrow(() ->
                                new IllegalStateException("unknown job kind " + job.kind())).work(this);
                    }
                } catch (LostLease e) {
                    throw e;
                } catch (RuntimeException e) {
                    failed(e);
                }
            } catch (LostLease e) {
                // the job is another worker's now
            }
        }

        /**
         * What a step's failure means for the job: the store refused (the job fails, an import's task too), it did
         * not answer or something unexpected happened (the job backs off and is tried again), or the server is
         * shutting down (the job is released at once).
         */
        private void failed(RuntimeException failure) {
            Instant now = clock.instant();
            if (Thread.interrupted()) {
                try {
                    end(job.release(worker, "released: the server shut down (" + failure.getMessage() + ")", now));
                } finally {
                    Thread.currentThread().interrupt();
                }
            } else if (failure instanceof RejectedArtifactsException
                    || failure instanceof ArtifactStoreException e && !e.isTransient()
                    || failure instanceof TestSystemException t && !t.isTransient()) {
                fail(failure.getMessage());
            } else if (failure instanceof ArtifactStoreException || failure instanceof PackageKnowledge.Unavailable
                    || failure instanceof TestSystemException) {
                end(job.backOff(worker, failure.getMessage(), backOff, maxBackOff, now));
            } else {
                // a bug or a database failure: back off (a lease that runs out after the last attempt fails it)
                end(job.backOff(worker, "unexpected " + failure, backOff, maxBackOff, now));
            }
        }

        // ---- steps ------------------------------------------------------------------------------------------

        /** Records the job's steps now, fenced by its lease, which each record renews. */
        private void save(StoreJob next) {
            job = next;
            saveWith(() -> { });
        }

        /** Records the job's steps and renews its lease, with {@code alsoWrite} in the same transaction. */
        @Override
        public void saveWith(Runnable alsoWrite) {
            job = job.renew(worker, clock.instant(), terms);
            tx.run(() -> {
                if (!jobs.saveSteps(job, worker)) {
                    throw new LostLease(job.id());
                }
                alsoWrite.run();
            });
        }

        /** Runs a step's store operation once: started and recorded, then awaited; returns what it created. */
        @Override
        public List<String> operation(String step, java.util.function.Supplier<ArtifactStore.Operation> start) {
            Optional<String> started = job.startedOperation(step);
            ArtifactStore.Operation op;
            if (started.isPresent()) {
                op = new ArtifactStore.Operation(started.get());
            } else {
                op = start.get();
                save(job.started(step, op.handle()));
            }
            return store.await(op);
        }

        /**
         * A step's end is recorded with the next step's start (or the job's end, or its back-off): a step taken over
         * before that finds its operation started and awaits it again, which changes nothing.
         */
        @Override
        public void change(String repoName, StoredRepository repo, Set<String> add, Set<String> remove) {
            String step = "change:" + repoName;
            if (!job.isDone(step)) {
                operation(step, () -> store.startChange(repo, add, remove));
                job = job.done(step);
            }
        }

        @Override
        public void publish(String repoName, StoredRepository repo) {
            String step = "publish:" + repoName;
            if (!job.isDone(step)) {
                operation(step, () -> store.startPublication(repo));
                job = job.done(step);
            }
        }

        private void end(Change<StoreJob> change) {
            tx.run(() -> saveEnd(change));
        }

        /** Writes the job's end if this worker still holds it (in the caller's transaction). */
        private void saveEnd(Change<StoreJob> change) {
            StoreJob current = jobs.lock(job.id()).orElse(null);
            if (current == null || !current.state().heldBy(worker)
                    || current.status() != StoreJobStatus.RUNNING) {
                throw new LostLease(job.id());
            }
            jobs.save(change);
        }

        private void finish(String note) {
            end(job.finish(worker, note, clock.instant()));
        }

        @Override
        public StoreJob job() {
            return job;
        }

        @Override
        public void record(StoreJob next) {
            job = next;
        }

        @Override
        public void finish(String note, Runnable alsoWrite) {
            Instant now = clock.instant();
            tx.run(() -> {
                saveEnd(job.finish(worker, note, now));
                alsoWrite.run();
            });
        }

        @Override
        public void finishAfter(java.util.function.Function<Instant, String> writeFirst) {
            Instant now = clock.instant();
            tx.run(() -> {
                String note = writeFirst.apply(now);
                saveEnd(job.finish(worker, note, now));
            });
        }

        private void fail(String reason) {
            Instant now = clock.instant();
            tx.run(() -> {
                saveEnd(job.fail(worker, reason, now));
                failedForGood(job, reason, now);
            });
        }

        // ---- kinds ------------------------------------------------------------------------------------------

        private void createRepositories() {
            long buildId = job.subject().buildId();
            List<BuildRepositories.Target> targets = tx.inTransaction(() -> artifacts.targets(buildId));
            if (targets.isEmpty()) {
                finish("the build was deleted before its repositories were made");
                return;
            }
            Map<String, StoredRepository> existing = tx.inTransaction(() -> artifacts.repositories(buildId));
            for (BuildRepository spec : BuildRepositories.of(buildId, targets)) {
                if (existing.containsKey(spec.name())) {
                    continue;
                }
                StoredRepository stored = store.findRepository(spec).orElseGet(() -> store.createRepository(spec));
                String step = "repository:" + spec.name();
                job = job.done(step);
                saveWith(() -> artifacts.addRepository(buildId, spec, stored));
            }
            Instant now = clock.instant();
            tx.run(() -> {
                saveEnd(job.finish(worker, null, now));
                tasks.repositoriesReady(buildId);
            });
        }

        private void importArtifacts() {
            long taskId = job.subject().taskId();
            record Read(BuildTask task, List<BuildArtifacts.ArtifactRecord> records,
                        Map<String, StoredRepository> repos) {
            }
            Read read = tx.inTransaction(() -> tasks.lock(taskId).map(t -> new Read(t, artifacts.ofTask(taskId),
                    artifacts.repositories(t.buildId()))).orElse(null));
            if (read == null) {
                finish("the task was deleted with its build before its artifacts were imported");
                return;
            }
            BuildTask task = read.task();
            List<ImportPlan.Placement> placements = ImportPlan.of(platformName(task.platformId()), task.buildId(),
                    task.arch(), !task.arch().equals("src"), read.records().stream()
                            .map(BuildArtifacts.ArtifactRecord::artifact).toList());
            Map<String, Set<String>> additions = new LinkedHashMap<>();
            Map<Long, StoredContent> made = new LinkedHashMap<>();
            for (int i = 0; i < placements.size(); i++) {
                ImportPlan.Placement p = placements.get(i);
                if (!p.imported()) {
                    continue;
                }
                BuildArtifacts.ArtifactRecord record = read.records().get(i);
                StoredContent content = record.content();
                if (content == null) {
                    content = content(record, p.kind());
                    made.put(record.id(), content);
                }
                additions.computeIfAbsent(p.repository(), r -> new LinkedHashSet<>()).add(content.handle());
            }
            if (!made.isEmpty()) {
                // every unit of the report is made and checked before any repository changes: nothing half-imported
                saveWith(() -> made.forEach(artifacts::recordContent));
            }
            for (Map.Entry<String, Set<String>> e : additions.entrySet()) {
                change(e.getKey(), repository(read.repos(), e.getKey()), e.getValue(), Set.of());
            }
            for (String repo : additions.keySet()) {
                publish(repo, repository(read.repos(), repo));
            }
            Instant now = clock.instant();
            tx.run(() -> {
                saveEnd(job.finish(worker, null, now));
                BuildTask current = tasks.lock(taskId).orElse(null);
                if (current != null && current.status() == BuildTaskStatus.COMPLETED) {
                    tasks.releaseDependants(current);
                }
                if (current != null) {
                    jobs.enqueueFinalizationWhenSettled(taskId, now);
                    settled(current.buildId(), now);
                }
            });
        }

        /**
         * The artifact as stored content: an existing unit of the same file, or a new one; checksum verified. The
         * new unit is recorded by the caller with the others of the report.
         */
        private StoredContent content(BuildArtifacts.ArtifactRecord record, ContentKind kind) {
            String reported = record.artifact().sha256().toLowerCase(Locale.ROOT);
            String step = "content:" + record.id();
            StoredContent content = store.findContent(kind, reported).orElse(null);
            if (content == null) {
                List<String> created = operation(step, () -> store.startContent(kind, record.artifact().href(),
                        record.artifact().name()));
                if (created.isEmpty()) {
                    throw new ArtifactStoreException("the store made no content of " + record.artifact().name(),
                            false);
                }
                content = store.describe(kind, created.get(0));
            }
            if (!content.sha256().equalsIgnoreCase(reported)) {
                throw new RejectedArtifactsException("checksum mismatch for " + record.artifact().name()
                        + ": the node reported sha256 " + reported + ", the artifact store has " + content.sha256());
            }
            job = job.done(step, content.handle());
            return content;
        }

        private void finalizeIndex() {
            StoreJob.Subject s = job.subject();
            Platform platform = platformOf(s.platformId());
            List<IndexFinalization.TaskPackages> packages = tx.inTransaction(() ->
                    artifacts.indexPackages(s.buildId(), s.platformId(), s.index()));
            String note = null;
            Map<String, String> multilib = Map.of();
            boolean wantsMultilib = knowledge.enabled()
                    && packages.stream().anyMatch(t -> t.arch().equals("x86_64") && t.completed())
                    && packages.stream().anyMatch(t -> t.arch().equals("i686"));
            if (wantsMultilib) {
                Optional<IndexFinalization.TaskPackages> i686 = packages.stream()
                        .filter(t -> t.arch().equals("i686")).findFirst();
                Optional<String> srpm = tx.inTransaction(() -> artifacts.sourceRpm(s.buildId(), s.platformId(),
                        s.index()));
                if (i686.isPresent() && !i686.get().completed()) {
                    note = "multilib skipped: the i686 task did not complete";
                } else if (srpm.isEmpty()) {
                    note = "multilib skipped: no SRPM was built";
                } else {
                    multilib = knowledge.multilibPackages(distributions(platform), srpm.get());
                    note = multilib.isEmpty() ? "multilib: the package knowledge base marks no i686 package"
                            : "multilib: " + String.join(", ", multilib.keySet());
                }
            }
            IndexFinalization.Plan plan = IndexFinalization.plan(platform.name(), s.buildId(), platform.archList(),
                    packages, multilib);
            Map<String, StoredRepository> repos = tx.inTransaction(() -> artifacts.repositories(s.buildId()));
            plan.changes().forEach((repo, c) -> change(repo, repository(repos, repo), c.add(), c.remove()));
            plan.changes().keySet().forEach(repo -> publish(repo, repository(repos, repo)));
            String done = note;
            Instant now = clock.instant();
            tx.run(() -> {
                saveEnd(job.finish(worker, done, now));
                plan.adopted().forEach(artifacts::adopt);
                settled(s.buildId(), now);
            });
        }

        private void deleteRepositories() {
            for (Map.Entry<String, String> e : job.deletionsLeft().entrySet()) {
                store.deleteRepository(new StoredRepository(e.getKey(), e.getValue(), null));
                save(job.done(StoreJob.deletionStep(e.getKey())));
            }
            finish(null);
        }
    }

    /** A job failed for good (in the transaction that records it): what it was about fails too. */
    private void failedForGood(StoreJob job, String reason, Instant now) {
        String why = reason == null ? "the job failed" : reason;
        if (job.kind() == StoreJobKind.IMPORT_ARTIFACTS) {
            rejectTask(job.subject().taskId(), why, now);
            settled(job.subject().buildId(), now);
        }
        KindWork other = otherKinds.get(job.kind());
        if (other != null) {
            other.failed(job, why, now);
        }
    }

    /** Something of the build ended: whoever listens hears it may be settled (in the caller's transaction). */
    private void settled(long buildId, Instant now) {
        settled.whenSettled(buildId, now);
    }

    /** An import was refused: the completed task fails, its ref's idle tasks on the platform fail fast. */
    private void rejectTask(long taskId, String reason, Instant now) {
        BuildTask task = tasks.lock(taskId).orElse(null);
        if (task == null) {
            return;
        }
        if (task.status() == BuildTaskStatus.COMPLETED) {
            Change<BuildTask> rejected = task.reject("Artifacts could not be imported: " + reason, now);
            tasks.save(rejected);
            for (BuildTask sibling : tasks.lockIdleSiblings(task.refId(), task.platformId())) {
                Change<BuildTask> failed = sibling.fastFail(task.arch(), now);
                tasks.save(failed);
                tasks.releaseDependants(failed.work());
            }
            tasks.releaseDependants(rejected.work());
        }
    }

    /** The build's repository of that name, or a refusal (the store has no such repository of the build). */
    public static StoredRepository repository(Map<String, StoredRepository> repos, String name) {
        StoredRepository repo = repos.get(name);
        if (repo == null) {
            throw new ArtifactStoreException("the build has no repository " + name + " in the artifact store", false);
        }
        return repo;
    }

    /** A platform's name never changes (it is how PUT finds the platform), so it is kept once read. */
    private String platformName(long id) {
        return platformNames.computeIfAbsent(id, k -> platformOf(k).name());
    }

    private Platform platformOf(long id) {
        return tx.inTransaction(() -> platforms.findById(id))
                .orElseThrow(() -> new IllegalStateException("platform " + id + " vanished"));
    }

    /**
     * The distributions the knowledge base is asked about, in order: the platform's reference platforms, then the
     * platform itself, each by its name (the knowledge base's adapter makes a distribution name of it) and version.
     */
    private List<PackageKnowledge.Distribution> distributions(Platform platform) {
        List<PackageKnowledge.Distribution> list = new ArrayList<>();
        for (String name : platform.referencePlatforms()) {
            platforms.findByNames(List.of(name)).forEach(p -> list.add(PackageKnowledge.Distribution.of(p)));
        }
        list.add(PackageKnowledge.Distribution.of(platform));
        return list;
    }

    // ---- operators ----------------------------------------------------------------------------------------------

    @Override
    public StoreJobPage find(User actor, Optional<String> state, Optional<String> kind, Optional<Long> buildId,
                             int page) {
        actor.requireSuperuser();
        Optional<StoreJobStatus> status = state.map(s -> StoreJobStatus.named(s).orElseThrow(() ->
                new BadRequestException("Unknown job state '" + s + "': one of waiting, running, done, failed")));
        Optional<StoreJobKind> k = kind.map(s -> StoreJobKind.named(s).orElseThrow(() ->
                new BadRequestException("Unknown job kind '" + s + "': one of "
                        + String.join(", ", StoreJobKind.names()))));
        if (page < 1) {
            throw new BadRequestException("page must be 1 or more");
        }
        return tx.inTransaction(() -> new StoreJobPage(jobs.page(status, k, buildId, (page - 1) * PAGE_SIZE,
                PAGE_SIZE).stream().map(StoreJobService::view).toList(), jobs.count(status, k, buildId), page));
    }

    @Override
    public StoreJobView retry(User actor, long jobId) {
        actor.requireSuperuser();
        return tx.inTransaction(() -> {
            StoreJob job = jobs.lock(jobId)
                    .orElseThrow(() -> new NotFoundException("Store job " + jobId + " is not found"));
            if (job.status() != StoreJobStatus.FAILED) {
                throw new org.albs.domain.ConflictException("Store job " + jobId + " is "
                        + job.status().name().toLowerCase(Locale.ROOT) + "; only a failed job can be retried");
            }
            Change<StoreJob> retried = job.retry(actor.id(), clock.instant());
            jobs.save(retried);
            return view(retried.work());
        });
    }

    static StoreJobView view(StoreJob j) {
        StoreJob.Subject s = j.subject();
        return new StoreJobView(j.id(), j.kind().name().toLowerCase(Locale.ROOT),
                j.status().name().toLowerCase(Locale.ROOT), s.buildId(), s.taskId(), s.platformId(), s.index(),
                s.testTaskId(),
                j.state().attempt(), j.state().error(), j.createdAt(), j.state().startedAt(), j.state().finishedAt(),
                j.steps());
    }
}
