package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.albs.application.port.out.Platforms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

/**
 * Platforms with ordered links to stored repositories (read fresh from {@link InMemoryRepositories}, so upserts
 * show) and links to reference platforms (read back sorted by name). Names are unique.
 */
public final class InMemoryPlatforms implements Platforms {
    private record Row(Platform fields, List<Long> repositoryIds, List<Long> referenceIds) {
    }

    private final ImmediateTransactions tx;
    private final InMemoryRepositories repositories;
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long nextId = 1;

    public InMemoryPlatforms(ImmediateTransactions tx, InMemoryRepositories repositories) {
        this.tx = tx;
        this.repositories = repositories;
    }

    @Override
    public Optional<Platform> findById(long id) {
        return Optional.ofNullable(rows.get(id)).map(this::toDomain);
    }

    @Override
    public Optional<Platform> lockByName(String name) {
        tx.requireActive("Platforms.lockByName");
        return rows.values().stream().filter(r -> r.fields().name().equals(name)).findFirst().map(this::toDomain);
    }

    @Override
    public List<Platform> findByNames(Collection<String> names) {
        return rows.values().stream().filter(r -> names.contains(r.fields().name())).map(this::toDomain).toList();
    }

    @Override
    public List<Platform> listNonReference() {
        return rows.values().stream().filter(r -> !r.fields().reference()).map(this::toDomain).toList();
    }

    @Override
    public Platform insert(Platform platform) {
        tx.requireActive("Platforms.insert");
        requireUniqueName(platform.name(), null);
        long id = nextId++;
        write(id, platform);
        return findById(id).orElseThrow();
    }

    @Override
    public Platform update(Platform platform) {
        tx.requireActive("Platforms.update");
        Objects.requireNonNull(platform.id(), "id");
        if (!rows.containsKey(platform.id())) {
            throw new IllegalStateException("no platform " + platform.id());
        }
        requireUniqueName(platform.name(), platform.id());
        write(platform.id(), platform);
        return findById(platform.id()).orElseThrow();
    }

    private void requireUniqueName(String name, Long except) {
        boolean taken = rows.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(except) && e.getValue().fields().name().equals(name));
        if (taken) {
            throw new IllegalStateException("duplicate key: platform name '" + name + "'");
        }
    }

    private void write(long id, Platform p) {
        List<Long> repositoryIds = new ArrayList<>();
        for (Repository r : p.repositories()) {
            if (r.id() == null || !repositories.exists(r.id())) {
                throw new IllegalStateException("foreign key: repository " + r.id() + " is not stored");
            }
            if (repositoryIds.contains(r.id())) {
                throw new IllegalStateException("duplicate key: repository " + r.id() + " linked twice");
            }
            repositoryIds.add(r.id());
        }
        Platform fields = new Platform(id, p.name(), p.type(), p.distrType(), p.distrVersion(), p.testDistName(),
                p.contactMail(), p.copyright(), p.pgpKey(), p.priority(), p.archList(), Json.copy(p.copyPriorityArches()),
                Json.copy(p.weakArchList()), Json.copy(p.data()), Json.copy(p.modularity()), p.reference(), List.of(),
                List.of());
        rows.put(id, new Row(fields, repositoryIds, List.of()));
        repositoryIds.forEach(r -> repositories.claimForPlatform(r, id));
        // reference links are resolved by name once the row exists, as INSERT ... SELECT id FROM platforms does
        LinkedHashSet<Long> referenceIds = new LinkedHashSet<>();
        for (String name : p.referencePlatforms()) {
            rows.values().stream().filter(r -> r.fields().name().equals(name)).findFirst().ifPresent(r -> {
                if (!referenceIds.add(r.fields().id())) {
                    throw new IllegalStateException("duplicate key: reference platform '" + name + "' linked twice");
                }
            });
        }
        rows.put(id, new Row(fields, repositoryIds, List.copyOf(referenceIds)));
    }

    private Platform toDomain(Row row) {
        Platform f = row.fields();
        List<Repository> repos = row.repositoryIds().stream().map(id -> repositories.findById(id).orElseThrow())
                .toList();
        List<String> references = row.referenceIds().stream().filter(rows::containsKey)
                .map(id -> rows.get(id).fields().name()).sorted(Comparator.naturalOrder()).toList();
        return new Platform(f.id(), f.name(), f.type(), f.distrType(), f.distrVersion(), f.testDistName(),
                f.contactMail(), f.copyright(), f.pgpKey(), f.priority(), f.archList(),
                Json.copy(f.copyPriorityArches()), Json.copy(f.weakArchList()), Json.copy(f.data()),
                Json.copy(f.modularity()), f.reference(), repos, references);
    }
}
