package org.albs.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albs.domain.identity.UserId;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleaseStatus;

/**
 * Releases and what releasing reads and records: the builds and packages a release is about (as the server recorded
 * them at import and signing, never as the artifact store's database has them), the production repositories of a
 * platform, and which release put which package into which production repository. Every method runs in the caller's
 * transaction.
 */
public interface Releases {
    /** What planning checks of a build. */
    record BuildFacts(long id, UserId owner, Set<Long> platformIds, boolean finished, boolean released,
                      Long releaseId) {
        public BuildFacts {
            platformIds = Set.copyOf(platformIds);
        }
    }

    /**
     * A production repository of a platform.
     *
     * @param url         where package managers read it (an external mirror, or the store's copy)
     * @param storeHandle the artifact store's handle of it (null: it is only linked to its external URL)
     * @param storeUrl    where the artifact store serves it (null: not in the store)
     */
    record ProductionRepository(long id, String name, String arch, boolean debug, String url, String storeHandle,
                                String storeUrl) {
    }

    /** Filters of the releases list; empty ones match everything. */
    record Filter(Optional<Long> platformId, Optional<ReleaseStatus> status, Optional<String> packageName,
                  Optional<Long> productId) {
        public static Filter none() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Adds a release (its id is ignored); returns it with its id. */
    Release insert(Release release);

    /** A release, without locking it. */
    Optional<Release> find(long id);

    /** Locks a release for a change, waiting for other transactions. */
    Optional<Release> lock(long id);

    /** Writes a (locked) release's status, builds, tasks, plan and times. */
    void update(Release release);

    void delete(long id);

    /** One page of releases matching the filter, newest first. */
    List<Release> page(Filter filter, int offset, int limit);

    long count(Filter filter);

    /** The facts of these builds that exist, by id. */
    Map<Long, BuildFacts> builds(Collection<Long> buildIds);

    /**
     * The RPMs (source and binary) of completed tasks of these builds on these platforms, in build, task and artifact
     * order; only the tasks in {@code taskIds} when it is not empty. Only artifacts whose package metadata was
     * recorded at import count.
     */
    List<ReleasePackage> packages(Collection<Long> buildIds, Collection<Long> taskIds, Collection<Long> platformIds);

    /** The artifacts as they are now (their stored content and sign key), by id; deleted ones are missing. */
    Map<Long, ReleaseCommit.Artifact> artifacts(Collection<Long> artifactIds);

    /** The ids of the sign keys of these platforms. */
    Set<Long> signKeys(Collection<Long> platformIds);

    /** The platform's production repositories, in id order. */
    List<ProductionRepository> productionRepositories(long platformId);

    /** The production repository is in the artifact store now, under this handle, served at this URL. */
    void linkToStore(long repositoryId, String storeHandle, String storeUrl);

    /** NEVRA → the production repositories of the platform a release put a package of that NEVRA into. */
    Map<String, Set<Long>> presence(long platformId, Collection<String> nevras);

    /** Repository id → NEVRA → the content a release put there, for these repositories and NEVRAs. */
    Map<Long, Map<String, String>> contents(Collection<Long> repositoryIds, Collection<String> nevras);

    /** Records what a release put into a repository; a placement recorded already is left as it is. */
    void recordPlacements(long releaseId, List<ReleaseCommit.Placement> placements);

    /** What the release put into production repositories, in the order it was recorded. */
    List<ReleaseCommit.Placement> placements(long releaseId);

    /** Forgets what the release put into one repository (it was taken out). */
    void removePlacements(long releaseId, long repositoryId);

    /** The builds are released by this release ({@code releaseId} null: no longer released). */
    void markReleased(Collection<Long> buildIds, Long releaseId);
}
