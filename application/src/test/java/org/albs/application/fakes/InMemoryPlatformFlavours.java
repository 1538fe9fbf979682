package org.albs.application.fakes;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.albs.application.port.out.PlatformFlavours;
import org.albs.domain.platform.PlatformFlavour;
import org.albs.domain.platform.Repository;

/** Flavours with ordered links to stored repositories (read fresh, so upserts show). Names are unique. */
public final class InMemoryPlatformFlavours implements PlatformFlavours {
    private record Row(PlatformFlavour fields, List<Long> repositoryIds) {
    }

    private final ImmediateTransactions tx;
    private final InMemoryRepositories repositories;
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long nextId = 1;

    public InMemoryPlatformFlavours(ImmediateTransactions tx, InMemoryRepositories repositories) {
        this.tx = tx;
        this.repositories = repositories;
    }

    @Override
    public List<PlatformFlavour> list() {
        return rows.values().stream().map(this::toDomain).toList();
    }

    @Override
    public List<PlatformFlavour> findByIds(Collection<Long> ids) {
        return rows.values().stream().filter(r -> ids.contains(r.fields().id())).map(this::toDomain).toList();
    }

    @Override
    public Optional<PlatformFlavour> lockByName(String name) {
        tx.requireActive("PlatformFlavours.lockByName");
        return rows.values().stream().filter(r -> r.fields().name().equals(name)).findFirst().map(this::toDomain);
    }

    @Override
    public PlatformFlavour insert(PlatformFlavour flavour) {
        tx.requireActive("PlatformFlavours.insert");
        if (rows.values().stream().anyMatch(r -> r.fields().name().equals(flavour.name()))) {
            throw new IllegalStateException("duplicate key: flavour " + flavour.name());
        }
        PlatformFlavour stored = flavour.withId(nextId++);
        rows.put(stored.id(), new Row(stored, flavour.repositories().stream().map(Repository::id).toList()));
        return toDomain(rows.get(stored.id()));
    }

    @Override
    public PlatformFlavour update(PlatformFlavour flavour) {
        tx.requireActive("PlatformFlavours.update");
        rows.put(flavour.id(), new Row(flavour, flavour.repositories().stream().map(Repository::id).toList()));
        return toDomain(rows.get(flavour.id()));
    }

    private PlatformFlavour toDomain(Row row) {
        PlatformFlavour f = row.fields();
        return new PlatformFlavour(f.id(), f.name(), repositories.findByIds(row.repositoryIds()).stream()
                .sorted(java.util.Comparator.comparingInt(r -> row.repositoryIds().indexOf(r.id()))).toList(),
                f.modularity(), f.data());
    }
}
