package org.albs.adapter.out.persistence;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Sort;
import org.albs.domain.platform.Repository;

/** Panache access to repositories, which are keyed by (name, arch, type, debug) besides their id. */
@ApplicationScoped
class RepositoryEntities implements LockingEntities<RepositoryEntity> {
    private static final String UPSERT = """
            insert into RepositoryEntity r (name, arch, url, type, debug, priority, production, mockEnabled,
                                            pulpHref, exportPath)
            values (:name, :arch, :url, :type, :debug, :priority, :production, :mock, :pulp, :export)
            on conflict (name, arch, type, debug) do update set url = excluded.url,
                priority = excluded.priority, production = excluded.production,
                mockEnabled = excluded.mockEnabled,
                pulpHref = coalesce(excluded.pulpHref, r.pulpHref),
                exportPath = coalesce(excluded.exportPath, r.exportPath)""";

    /**
     * Creates the repository or updates the one with its key, in one statement (an HQL insert with a conflict
     * clause), so two instances upserting the same key cannot both insert; the row stays locked until commit.
     * Returns the stored row, re-read: the statement bypasses the session, which may hold an older state of it.
     */
    RepositoryEntity upsert(Repository r) {
        getSession().createMutationQuery(UPSERT)
                .setParameter("name", r.name()).setParameter("arch", r.arch()).setParameter("url", r.url())
                .setParameter("type", r.type()).setParameter("debug", r.debug())
                .setParameter("priority", r.priority()).setParameter("production", r.production())
                .setParameter("mock", r.mockEnabled()).setParameter("pulp", r.pulpHref())
                .setParameter("export", r.exportPath())
                .executeUpdate();
        RepositoryEntity e = find("name = ?1 and arch = ?2 and type = ?3 and debug = ?4",
                r.name(), r.arch(), r.type(), r.debug()).singleResult();
        getEntityManager().refresh(e);
        return e;
    }

    List<RepositoryEntity> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", Sort.by("id"), ids);
    }

    List<RepositoryEntity> page(int limit, long offset) {
        int first = (int) Math.min(offset, Integer.MAX_VALUE);
        // range takes an inclusive last index and asks for last - first + 1 rows: limit, in int arithmetic even
        // where first + limit - 1 overflows
        return findAll(Sort.by("id")).range(first, first + limit - 1).list();
    }

    /**
     * The first platform linking a repository becomes its {@code platform_id}; later ones leave it. A repository
     * without one is re-read under a lock, so of two platforms linking it at the same time the first keeps it.
     */
    void claimFor(long platformId, long repositoryId) {
        RepositoryEntity e = findById(repositoryId);
        if (e != null && e.platformId == null && lockFresh(e).platformId == null) {
            e.platformId = platformId;
        }
    }
}
