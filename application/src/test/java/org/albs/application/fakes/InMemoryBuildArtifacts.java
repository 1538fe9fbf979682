package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ImportedPackage;
import org.albs.domain.artifacts.IndexFinalization;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.BuiltArtifact;

/** {@link BuildArtifacts} over a {@link BuildStore}, following {@code SqlBuildArtifacts}. */
public final class InMemoryBuildArtifacts implements BuildArtifacts {
    private final BuildStore store;

    public InMemoryBuildArtifacts(BuildStore store) {
        this.store = store;
    }

    @Override
    public List<ArtifactRecord> ofTask(long taskId) {
        store.tx.requireActive("BuildArtifacts.ofTask");
        return store.artifacts.stream().filter(a -> a.taskId() == taskId)
                .map(a -> new ArtifactRecord(a.id(), new BuiltArtifact(a.name(), a.type(), a.href(), a.sha256(),
                        a.casHash()), store.contents.get(a.id())))
                .toList();
    }

    @Override
    public void recordContent(long artifactId, StoredContent content) {
        store.tx.requireActive("BuildArtifacts.recordContent");
        store.contents.put(artifactId, content);
    }

    @Override
    public List<BuildRepositories.Target> targets(long buildId) {
        store.tx.requireActive("BuildArtifacts.targets");
        Map<Long, List<String>> arches = new LinkedHashMap<>();
        for (BuildTask t : store.tasksOf(buildId)) {
            List<String> list = arches.computeIfAbsent(t.platformId(), k -> new ArrayList<>());
            if (!list.contains(t.arch())) {
                list.add(t.arch());
            }
        }
        List<BuildRepositories.Target> targets = new ArrayList<>();
        arches.forEach((platform, list) -> targets.add(new BuildRepositories.Target(platform,
                store.platforms.findById(platform).orElseThrow().name(), list)));
        return targets;
    }

    @Override
    public Map<String, StoredRepository> repositories(long buildId) {
        store.tx.requireActive("BuildArtifacts.repositories");
        Map<String, StoredRepository> repos = new LinkedHashMap<>();
        store.buildRepositories.getOrDefault(buildId, new LinkedHashMap<>())
                .forEach((name, row) -> repos.put(name, row.stored()));
        return repos;
    }

    @Override
    public void addRepository(long buildId, BuildRepository spec, StoredRepository stored) {
        store.tx.requireActive("BuildArtifacts.addRepository");
        if (store.builds.containsKey(buildId)) {
            store.buildRepositories.computeIfAbsent(buildId, k -> new LinkedHashMap<>())
                    .put(spec.name(), new BuildStore.BuildRepositoryRow(spec, stored));
        }
    }

    @Override
    public List<StoredRepository> removeRepositories(long buildId) {
        store.tx.requireActive("BuildArtifacts.removeRepositories");
        LinkedHashMap<String, BuildStore.BuildRepositoryRow> removed = store.buildRepositories.remove(buildId);
        return removed == null ? List.of() : removed.values().stream().map(BuildStore.BuildRepositoryRow::stored)
                .toList();
    }

    @Override
    public List<IndexFinalization.TaskPackages> indexPackages(long buildId, long platformId, int index) {
        store.tx.requireActive("BuildArtifacts.indexPackages");
        List<IndexFinalization.TaskPackages> tasks = new ArrayList<>();
        for (BuildTask t : store.tasksOf(buildId)) {
            if (t.platformId() != platformId || t.index() != index) {
                continue;
            }
            List<ImportedPackage> packages = new ArrayList<>();
            store.artifacts.stream().filter(a -> a.taskId() == t.id() && a.type().equals("rpm")).forEach(a -> {
                StoredContent c = store.contents.get(a.id());
                if (c != null && c.pkg() != null) {
                    packages.add(new ImportedPackage(a.name(), c));
                }
            });
            tasks.add(new IndexFinalization.TaskPackages(t.id(), t.arch(), t.status() == BuildTaskStatus.COMPLETED,
                    packages));
        }
        return tasks;
    }

    @Override
    public void adopt(long taskId, List<ImportedPackage> packages) {
        store.tx.requireActive("BuildArtifacts.adopt");
        for (ImportedPackage p : packages) {
            BuildStore.ArtifactRow own = store.artifacts.stream()
                    .filter(a -> a.taskId() == taskId && a.name().equals(p.fileName()) && a.type().equals("rpm"))
                    .findFirst().orElse(null);
            if (own == null) {
                own = new BuildStore.ArtifactRow(store.nextRowId(), taskId, p.fileName(), "rpm", p.contentHandle(),
                        p.content().sha256(), null);
                store.artifacts.add(own);
            } else if (!own.sha256().equals(p.content().sha256())) {
                BuildStore.ArtifactRow replaced = new BuildStore.ArtifactRow(own.id(), taskId, own.name(), own.type(),
                        own.href(), p.content().sha256(), own.casHash());
                store.artifacts.set(store.artifacts.indexOf(own), replaced);
            }
            store.contents.put(own.id(), p.content());
        }
    }

    @Override
    public Optional<String> sourceRpm(long buildId, long platformId, int index) {
        store.tx.requireActive("BuildArtifacts.sourceRpm");
        return store.tasksOf(buildId).stream()
                .filter(t -> t.platformId() == platformId && t.index() == index && t.arch().equals("src"))
                .flatMap(t -> store.artifacts.stream().filter(a -> a.taskId() == t.id()))
                .filter(a -> a.type().equals("rpm") && a.name().endsWith(".src.rpm"))
                .map(BuildStore.ArtifactRow::name).findFirst();
    }
}
