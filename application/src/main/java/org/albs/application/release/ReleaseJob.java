package org.albs.application.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Releases;
import org.albs.application.port.out.Transactions;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.platform.Platform;
import org.albs.domain.release.PlannedPackage;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleaseEvent;
import org.albs.domain.release.ReleaseStatus;

/**
 * The jobs that carry a release out ({@link StoreJobKind#COMMIT_RELEASE}) and undo it
 * ({@link StoreJobKind#REVERT_RELEASE}), worked by the artifact-store job workers with their fencing and crash
 * safety. A commit first makes sure its target production repositories exist in the artifact store (creating them
 * under {@code prod/} when {@code createProductionRepositories}), then decides everything it changes
 * ({@link ReleaseCommit}): a refusal ends the release FAILED with the reasons and changes nothing. Each repository
 * gets one change and one publication, and what a change placed is recorded with the step's end, so a job taken
 * over after a crash neither adds twice nor forgets what it added. The last transaction marks the release and its
 * builds. A job that fails for good ends the release FAILED with the reason; it never stays IN_PROGRESS.
 */
public final class ReleaseJob implements StoreJobService.KindWork {
    private final StoreJobKind kind;
    private final Releases releases;
    private final Platforms platforms;
    private final ReleaseService service;
    private final ArtifactStore store;
    private final Transactions tx;
    private final Clock clock;
    private final boolean createProductionRepositories;

    private ReleaseJob(StoreJobKind kind, Releases releases, Platforms platforms, ReleaseService service,
                       ArtifactStore store, Transactions tx, Clock clock, boolean createProductionRepositories) {
        this.kind = kind;
        this.releases = releases;
        this.platforms = platforms;
        this.service = service;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.createProductionRepositories = createProductionRepositories;
    }

    /** The commit ({@link StoreJobKind#COMMIT_RELEASE}) or the revert ({@link StoreJobKind#REVERT_RELEASE}) job. */
    public static ReleaseJob of(StoreJobKind kind, Releases releases, Platforms platforms, ReleaseService service,
                                ArtifactStore store, Transactions tx, Clock clock,
                                boolean createProductionRepositories) {
        if (kind != StoreJobKind.COMMIT_RELEASE && kind != StoreJobKind.REVERT_RELEASE) {
            throw new IllegalArgumentException(kind + " is not a release job");
        }
        return new ReleaseJob(kind, releases, platforms, service, store, tx, clock, createProductionRepositories);
    }

    @Override
    public StoreJobKind kind() {
        return kind;
    }

    static long releaseId(StoreJob job) {
        return Long.parseLong(job.result(ReleaseService.RELEASE_STEP).orElseThrow(() ->
                new IllegalStateException("release job " + job.id() + " names no release")));
    }

    @Override
    public void work(StoreJobService.JobRun run) {
        long id = releaseId(run.job());
        Release release = tx.inTransaction(() -> releases.find(id)).orElse(null);
        if (release == null || release.status() != ReleaseStatus.IN_PROGRESS) {
            run.finish("release " + id + " is " + (release == null ? "gone" : release.status().label())
                    + ": nothing to do", () -> { });
            return;
        }
        if (kind == StoreJobKind.COMMIT_RELEASE) {
            commit(run, release);
        } else {
            revert(run, release);
        }
    }

    private void commit(StoreJobService.JobRun run, Release release) {
        long id = release.id();
        if (createProductionRepositories) {
            createTargets(run, release);
        }
        List<String> nevras = release.plan().packages().stream().map(p -> p.pkg().nevra()).distinct().toList();
        record Read(Map<Long, ReleaseCommit.Artifact> artifacts, Set<Long> keys,
                    List<Releases.ProductionRepository> repos, Map<Long, Map<String, String>> present,
                    List<ReleaseCommit.Placement> placedBefore) {
        }
        Read read = tx.inTransaction(() -> {
            Platform platform = platforms.findById(release.platformId()).orElseThrow();
            List<Releases.ProductionRepository> repos = releases.productionRepositories(platform.id());
            return new Read(releases.artifacts(release.plan().packages().stream().map(p -> p.pkg().artifactId())
                    .distinct().toList()), releases.signKeys(service.compatible(platform)), repos,
                    releases.contents(repos.stream().map(Releases.ProductionRepository::id).toList(), nevras),
                    releases.placements(id));
        });
        ReleaseCommit.Outcome outcome = ReleaseCommit.prepare(release.plan(), read.artifacts(), read.keys(),
                read.repos().stream().map(r -> new ReleaseCommit.Target(r.id(), r.name(), r.arch(), r.debug(),
                        r.storeHandle())).toList(), read.present());
        Instant now = clock.instant();
        if (outcome.refused()) {
            String log = "Cannot commit release: " + String.join("; ", outcome.refusals());
            run.finish("refused: " + String.join("; ", outcome.refusals()), () -> end(id, ReleaseEvent.JOB_FAILED,
                    log, now));
            return;
        }
        Map<Long, Releases.ProductionRepository> byId = new LinkedHashMap<>();
        read.repos().forEach(r -> byId.put(r.id(), r));
        Set<Long> changed = new LinkedHashSet<>(outcome.additions().keySet());
        changed.addAll(outcome.removals().keySet());
        for (long repoId : changed) {
            Releases.ProductionRepository repo = byId.get(repoId);
            run.change(storeName(repo), stored(repo), outcome.additions().getOrDefault(repoId, Set.of()),
                    outcome.removals().getOrDefault(repoId, Set.of()));
            List<ReleaseCommit.Placement> placed = outcome.placements().stream()
                    .filter(p -> p.repositoryId() == repoId).toList();
            run.saveWith(() -> releases.recordPlacements(id, placed));
        }
        // a run taken over after a crash finds its earlier changes recorded: their repositories are published too
        Set<Long> published = new LinkedHashSet<>(changed);
        read.placedBefore().forEach(p -> published.add(p.repositoryId()));
        for (long repoId : published) {
            Releases.ProductionRepository repo = byId.get(repoId);
            if (repo != null) {
                run.publish(storeName(repo), stored(repo));
            }
        }
        int placed = read.placedBefore().size() + outcome.placements().size();
        String log = "Successfully committed release: " + placed + " package(s) added to " + published.size()
                + " repositories";
        Instant done = clock.instant();
        run.finish(log, () -> {
            end(id, ReleaseEvent.COMMIT_DONE, log, done);
            releases.markReleased(release.buildIds(), id);
        });
    }

    private void revert(StoreJobService.JobRun run, Release release) {
        long id = release.id();
        record Read(List<ReleaseCommit.Placement> placements, Map<Long, Releases.ProductionRepository> repos) {
        }
        Read read = tx.inTransaction(() -> {
            Map<Long, Releases.ProductionRepository> repos = new LinkedHashMap<>();
            releases.productionRepositories(release.platformId()).forEach(r -> repos.put(r.id(), r));
            return new Read(releases.placements(id), repos);
        });
        Map<Long, Set<String>> removals = ReleaseCommit.undo(read.placements());
        List<Long> touched = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> e : removals.entrySet()) {
            Releases.ProductionRepository repo = read.repos().get(e.getKey());
            if (repo == null || repo.storeHandle() == null) {
                // no longer a production repository of the platform: nothing of ours to take out there
                run.saveWith(() -> releases.removePlacements(id, e.getKey()));
                continue;
            }
            run.change(storeName(repo), stored(repo), Set.of(), e.getValue());
            run.saveWith(() -> releases.removePlacements(id, e.getKey()));
            touched.add(e.getKey());
        }
        for (long repoId : touched) {
            Releases.ProductionRepository repo = read.repos().get(repoId);
            run.publish(storeName(repo), stored(repo));
        }
        int removed = read.placements().size();
        String log = "Successfully reverted release: " + removed + " package(s) removed from " + touched.size()
                + " repositories";
        Instant done = clock.instant();
        run.finish(log, () -> {
            end(id, ReleaseEvent.REVERT_DONE, log, done);
            releases.markReleased(release.buildIds(), null);
        });
    }

    /** The production repositories the plan targets that are not in the store yet are created there. */
    private void createTargets(StoreJobService.JobRun run, Release release) {
        Set<String> wanted = new LinkedHashSet<>();
        for (PlannedPackage p : release.plan().packages()) {
            if (p.repositories().isEmpty()) {
                continue;
            }
            var repo = p.repositories().get(0);
            List<String> arches = p.repoArchLocation().isEmpty() ? List.of(repo.arch()) : p.repoArchLocation();
            arches.forEach(a -> wanted.add(repo.name() + "\u0000" + a + "\u0000" + repo.debug()));
        }
        List<Releases.ProductionRepository> missing = tx.inTransaction(() ->
                releases.productionRepositories(release.platformId())).stream()
                .filter(r -> r.storeHandle() == null && wanted.contains(r.name() + "\u0000" + r.arch() + "\u0000"
                        + r.debug())).toList();
        for (Releases.ProductionRepository repo : missing) {
            BuildRepository spec = spec(repo, release.platformId());
            StoredRepository stored = store.findRepository(spec).orElseGet(() -> store.createRepository(spec));
            run.saveWith(() -> releases.linkToStore(repo.id(), stored.handle(), stored.baseUrl()));
        }
    }

    /** A production repository in the store: {@code prod-{name}-{arch}[-debug]}, served under {@code prod/}. */
    static BuildRepository spec(Releases.ProductionRepository repo, long platformId) {
        String path = repo.name() + "/" + repo.arch() + (repo.debug() ? "-debug" : "");
        return new BuildRepository(storeName(repo), ContentKind.RPM, BuildRepository.RPM, repo.arch(), repo.debug(),
                platformId, "prod/" + path);
    }

    static String storeName(Releases.ProductionRepository repo) {
        return "prod-" + repo.name() + "-" + repo.arch() + (repo.debug() ? "-debug" : "");
    }

    private static StoredRepository stored(Releases.ProductionRepository repo) {
        return new StoredRepository(storeName(repo), repo.storeHandle(), repo.storeUrl());
    }

    /** The release's job ended (in the caller's transaction); a release no longer IN_PROGRESS is left alone. */
    private void end(long id, ReleaseEvent outcome, String log, Instant now) {
        Release current = releases.lock(id).orElse(null);
        if (current != null && current.status() == ReleaseStatus.IN_PROGRESS) {
            releases.update(current.ended(outcome, log, now));
        }
    }

    /** A release never stays IN_PROGRESS: a job nobody could finish ends it FAILED (committing again retries). */
    @Override
    public void leaseRanOut(StoreJob job, String reason, Instant now) {
        failed(job, reason, now);
    }

    @Override
    public void failed(StoreJob job, String reason, Instant now) {
        end(releaseId(job), ReleaseEvent.JOB_FAILED, (kind == StoreJobKind.COMMIT_RELEASE ? "Cannot commit"
                : "Cannot revert") + " release: " + reason, now);
    }
}
