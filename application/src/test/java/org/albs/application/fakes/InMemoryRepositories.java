package org.albs.application.fakes;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.albs.application.port.out.Repositories;
import org.albs.domain.platform.Repository;

/**
 * Repositories unique by (name, arch, type, debug). An upsert of an existing key overwrites url, priority,
 * production and mock_enabled, and keeps pulp_href and export_path unless new ones are given; the owning platform
 * is set only by the first platform that links the repository.
 */
public final class InMemoryRepositories implements Repositories {
    private final ImmediateTransactions tx;
    private final TreeMap<Long, Repository> rows = new TreeMap<>();
    /** repositories.store_url: where the artifact store serves a production repository */
    private final java.util.Map<Long, String> storeUrls = new java.util.HashMap<>();
    private long nextId = 1;

    public InMemoryRepositories(ImmediateTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Repository upsert(Repository r) {
        tx.requireActive("Repositories.upsert");
        Optional<Repository> existing = rows.values().stream().filter(x -> x.key().equals(r.key())).findFirst();
        Repository stored;
        if (existing.isPresent()) {
            Repository old = existing.get();
            stored = new Repository(old.id(), old.name(), old.arch(), r.url(), old.type(), old.debug(), r.priority(),
                    r.production(), r.mockEnabled(), r.pulpHref() != null ? r.pulpHref() : old.pulpHref(),
                    r.exportPath() != null ? r.exportPath() : old.exportPath(), old.platformId());
        } else {
            stored = new Repository(nextId++, r.name(), r.arch(), r.url(), r.type(), r.debug(), r.priority(),
                    r.production(), r.mockEnabled(), r.pulpHref(), r.exportPath(), null);
        }
        rows.put(stored.id(), stored);
        return stored;
    }

    @Override
    public Optional<Repository> findById(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<Repository> findByIds(Collection<Long> ids) {
        return rows.values().stream().filter(r -> ids.contains(r.id())).toList();
    }

    @Override
    public List<Repository> list(int limit, long offset) {
        return rows.values().stream().skip(offset).limit(limit).toList();
    }

    boolean exists(long id) {
        return rows.containsKey(id);
    }

    /** The repository is in the artifact store under this handle ({@code pulp_href}), served at this URL. */
    void linkToStore(long id, String storeHandle, String storeUrl) {
        Repository r = rows.get(id);
        if (r != null) {
            rows.put(id, new Repository(r.id(), r.name(), r.arch(), r.url(), r.type(), r.debug(), r.priority(),
                    r.production(), r.mockEnabled(), storeHandle, r.exportPath(), r.platformId()));
            storeUrls.put(id, storeUrl);
        }
    }

    String storeUrl(long id) {
        return storeUrls.get(id);
    }

    void claimForPlatform(long repositoryId, long platformId) {
        Repository r = rows.get(repositoryId);
        if (r.platformId() == null) {
            rows.put(r.id(), new Repository(r.id(), r.name(), r.arch(), r.url(), r.type(), r.debug(), r.priority(),
                    r.production(), r.mockEnabled(), r.pulpHref(), r.exportPath(), platformId));
        }
    }
}
