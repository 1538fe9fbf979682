package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.albs.application.port.out.Releases;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.platform.Repository;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.signing.SignKey;

/**
 * {@link Releases} over a {@link BuildStore}, the repositories, the sign keys and what signing recorded, following
 * {@code SqlReleases} through the contract tests.
 */
public final class InMemoryReleases implements Releases {
    private record PlacementRow(long releaseId, ReleaseCommit.Placement placement) {
    }

    private final BuildStore store;
    private final InMemoryRepositories repositories;
    private final InMemorySignKeys keys;
    private final InMemorySignTasks signing;
    private final TreeMap<Long, Release> releases = new TreeMap<>();
    /** in the order they were recorded */
    private final List<PlacementRow> placements = new ArrayList<>();
    private long nextId = 1;

    public InMemoryReleases(BuildStore store, InMemoryRepositories repositories, InMemorySignKeys keys,
                            InMemorySignTasks signing) {
        this.store = store;
        this.repositories = repositories;
        this.keys = keys;
        this.signing = signing;
    }

    @Override
    public Release insert(Release release) {
        store.tx.requireActive("Releases.insert");
        Release stored = release.withId(nextId++);
        releases.put(stored.id(), stored);
        return stored;
    }

    @Override
    public Optional<Release> find(long id) {
        return Optional.ofNullable(releases.get(id));
    }

    @Override
    public Optional<Release> lock(long id) {
        store.tx.requireActive("Releases.lock");
        return find(id);
    }

    @Override
    public void update(Release release) {
        store.tx.requireActive("Releases.update");
        Release old = releases.get(release.id());
        if (old != null) {
            // what a release is for (platform, product, owner, creation) is never rewritten
            releases.put(old.id(), new Release(old.id(), release.status(), release.buildIds(),
                    release.buildTaskIds(), old.platformId(), old.referencePlatformId(), old.productId(),
                    release.plan(), old.owner(), old.createdAt(), release.startedAt(), release.finishedAt()));
        }
    }

    @Override
    public void delete(long id) {
        store.tx.requireActive("Releases.delete");
        releases.remove(id);
        placements.removeIf(p -> p.releaseId() == id);
    }

    private static boolean matches(Release r, Filter f) {
        return f.platformId().map(p -> r.platformId() == p).orElse(true)
                && f.status().map(s -> r.status() == s).orElse(true)
                && f.productId().map(p -> p.equals(r.productId())).orElse(true)
                && f.packageName().map(n -> r.plan().packages().stream()
                        .anyMatch(p -> p.pkg().name().equals(n))).orElse(true);
    }

    @Override
    public List<Release> page(Filter filter, int offset, int limit) {
        return releases.descendingMap().values().stream().filter(r -> matches(r, filter)).skip(offset).limit(limit)
                .toList();
    }

    @Override
    public long count(Filter filter) {
        return releases.values().stream().filter(r -> matches(r, filter)).count();
    }

    @Override
    public Map<Long, BuildFacts> builds(Collection<Long> buildIds) {
        Map<Long, BuildFacts> facts = new LinkedHashMap<>();
        for (long id : new TreeSet<>(buildIds)) {
            BuildStore.BuildRow b = store.builds.get(id);
            if (b != null) {
                Set<Long> platforms = store.tasksOf(id).stream().map(BuildTask::platformId)
                        .collect(Collectors.toSet());
                facts.put(id, new BuildFacts(id, b.owner, platforms, b.finishedAt != null, b.released, b.releaseId));
            }
        }
        return facts;
    }

    @Override
    public List<ReleasePackage> packages(Collection<Long> buildIds, Collection<Long> taskIds,
                                         Collection<Long> platformIds) {
        List<ReleasePackage> found = new ArrayList<>();
        for (long buildId : new TreeSet<>(buildIds)) {
            for (BuildTask t : store.tasksOf(buildId)) {
                if (t.status() != BuildTaskStatus.COMPLETED || !platformIds.contains(t.platformId())
                        || !taskIds.isEmpty() && !taskIds.contains(t.id())) {
                    continue;
                }
                store.artifacts.stream().filter(a -> a.taskId() == t.id() && a.type().equals("rpm"))
                        .sorted(Comparator.comparingLong(BuildStore.ArtifactRow::id)).forEach(a -> {
                            StoredContent c = store.contents.get(a.id());
                            if (c != null && c.pkg() != null) {
                                var m = c.pkg();
                                found.add(new ReleasePackage(a.id(), buildId, t.id(), m.name(), m.epoch(),
                                        m.version(), m.release(), m.arch(), c.sha256(), a.name(), t.arch(),
                                        m.sourceRpm(), false, c.handle(), false));
                            }
                        });
            }
        }
        return found;
    }

    @Override
    public Map<Long, ReleaseCommit.Artifact> artifacts(Collection<Long> artifactIds) {
        Map<Long, ReleaseCommit.Artifact> found = new LinkedHashMap<>();
        store.artifacts.stream().filter(a -> artifactIds.contains(a.id())).forEach(a -> {
            StoredContent c = store.contents.get(a.id());
            found.put(a.id(), new ReleaseCommit.Artifact(c == null ? null : c.handle(),
                    signing.signedArtifacts.get(a.id())));
        });
        return found;
    }

    @Override
    public Set<Long> signKeys(Collection<Long> platformIds) {
        return keys.keys.values().stream().filter(k -> k.platformIds().stream().anyMatch(platformIds::contains))
                .map(SignKey::id).collect(Collectors.toSet());
    }

    private List<Repository> production(long platformId) {
        return store.platforms.findById(platformId).map(p -> p.repositories().stream()
                .filter(Repository::production).sorted(Comparator.comparingLong(Repository::id)).toList())
                .orElse(List.of());
    }

    @Override
    public List<ProductionRepository> productionRepositories(long platformId) {
        return production(platformId).stream().map(r -> new ProductionRepository(r.id(), r.name(), r.arch(),
                r.debug(), r.url(), r.pulpHref(), repositories.storeUrl(r.id()))).toList();
    }

    @Override
    public void linkToStore(long repositoryId, String storeHandle, String storeUrl) {
        store.tx.requireActive("Releases.linkToStore");
        repositories.linkToStore(repositoryId, storeHandle, storeUrl);
    }

    @Override
    public Map<String, Set<Long>> presence(long platformId, Collection<String> nevras) {
        Set<Long> repos = production(platformId).stream().map(Repository::id).collect(Collectors.toSet());
        Map<String, Set<Long>> found = new LinkedHashMap<>();
        for (PlacementRow row : placements) {
            ReleaseCommit.Placement p = row.placement();
            if (repos.contains(p.repositoryId()) && nevras.contains(p.nevra())) {
                found.computeIfAbsent(p.nevra(), n -> new TreeSet<>()).add(p.repositoryId());
            }
        }
        return found;
    }

    /** Where releases put several contents of one NEVRA into a repository, the last one recorded is there now. */
    @Override
    public Map<Long, Map<String, String>> contents(Collection<Long> repositoryIds, Collection<String> nevras) {
        Map<Long, Map<String, String>> found = new LinkedHashMap<>();
        for (PlacementRow row : placements) {
            ReleaseCommit.Placement p = row.placement();
            if (repositoryIds.contains(p.repositoryId()) && nevras.contains(p.nevra())) {
                found.computeIfAbsent(p.repositoryId(), r -> new LinkedHashMap<>()).put(p.nevra(), p.contentHandle());
            }
        }
        return found;
    }

    @Override
    public void recordPlacements(long releaseId, List<ReleaseCommit.Placement> recorded) {
        store.tx.requireActive("Releases.recordPlacements");
        for (ReleaseCommit.Placement p : recorded) {
            boolean known = placements.stream().anyMatch(r -> r.releaseId() == releaseId
                    && r.placement().repositoryId() == p.repositoryId()
                    && r.placement().contentHandle().equals(p.contentHandle()));
            if (!known) {
                placements.add(new PlacementRow(releaseId, p));
            }
        }
    }

    @Override
    public List<ReleaseCommit.Placement> placements(long releaseId) {
        return placements.stream().filter(r -> r.releaseId() == releaseId).map(PlacementRow::placement).toList();
    }

    @Override
    public void removePlacements(long releaseId, long repositoryId) {
        store.tx.requireActive("Releases.removePlacements");
        placements.removeIf(r -> r.releaseId() == releaseId && r.placement().repositoryId() == repositoryId);
    }

    @Override
    public void markReleased(Collection<Long> buildIds, Long releaseId) {
        store.tx.requireActive("Releases.markReleased");
        for (long id : buildIds) {
            BuildStore.BuildRow b = store.builds.get(id);
            if (b != null) {
                b.releaseId = releaseId;
                b.released = releaseId != null;
            }
        }
    }
}
