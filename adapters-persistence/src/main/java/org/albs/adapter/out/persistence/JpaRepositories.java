package org.albs.adapter.out.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.albs.application.port.out.Repositories;
import org.albs.domain.platform.Repository;

@ApplicationScoped
public class JpaRepositories implements Repositories {
    private final EntityManager em;

    public JpaRepositories(EntityManager em) {
        this.em = em;
    }

    @Override
    public Repository upsert(Repository r) {
        // Insert-or-lock in one statement, so two instances upserting the same key cannot both insert.
        Number id = (Number) em.createNativeQuery("""
                        INSERT INTO repositories (name, arch, url, type, debug, priority, production, mock_enabled,
                                                  pulp_href, export_path)
                        VALUES (:name, :arch, :url, :type, :debug, :priority, :production, :mock, :pulp, :export)
                        ON CONFLICT (name, arch, type, debug) DO UPDATE SET url = EXCLUDED.url,
                            priority = EXCLUDED.priority, production = EXCLUDED.production,
                            mock_enabled = EXCLUDED.mock_enabled,
                            pulp_href = COALESCE(EXCLUDED.pulp_href, repositories.pulp_href),
                            export_path = COALESCE(EXCLUDED.export_path, repositories.export_path)
                        RETURNING id""")
                .setParameter("name", r.name()).setParameter("arch", r.arch()).setParameter("url", r.url())
                .setParameter("type", r.type()).setParameter("debug", r.debug())
                .setParameter("priority", r.priority()).setParameter("production", r.production())
                .setParameter("mock", r.mockEnabled()).setParameter("pulp", r.pulpHref())
                .setParameter("export", r.exportPath())
                .getSingleResult();
        // platforms handing this repository to build nodes must not serve a cached copy of it
        em.createNativeQuery("UPDATE platforms SET version = version + 1 WHERE id IN"
                + " (SELECT platform_id FROM platform_repository WHERE repository_id = :r)")
                .setParameter("r", id.longValue()).executeUpdate();
        RepositoryEntity e = em.find(RepositoryEntity.class, id.longValue());
        em.refresh(e);
        return e.toDomain();
    }

    @Override
    public Optional<Repository> findById(long id) {
        return Optional.ofNullable(em.find(RepositoryEntity.class, id)).map(RepositoryEntity::toDomain);
    }

    @Override
    public List<Repository> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from RepositoryEntity r where r.id in :ids order by r.id", RepositoryEntity.class)
                .setParameter("ids", ids).getResultStream().map(RepositoryEntity::toDomain).toList();
    }

    @Override
    public List<Repository> list(int limit, long offset) {
        return em.createQuery("from RepositoryEntity r order by r.id", RepositoryEntity.class)
                .setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(limit)
                .getResultStream().map(RepositoryEntity::toDomain).toList();
    }
}
