package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.albs.application.port.out.Platforms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

/**
 * Platforms through Panache. Every insert and update counts a change of the platform ({@link PlatformEntity#version}):
 * an update re-reads the row under a write lock first, so the count builds on the committed one.
 */
@ApplicationScoped
public class JpaPlatforms implements Platforms {
    private final PlatformEntities platforms;
    private final RepositoryEntities repositories;
    private final PlatformRepositoryLinks repositoryLinks;
    private final ReferencePlatformLinks referenceLinks;

    JpaPlatforms(PlatformEntities platforms, RepositoryEntities repositories, PlatformRepositoryLinks repositoryLinks,
            ReferencePlatformLinks referenceLinks) {
        this.platforms = platforms;
        this.repositories = repositories;
        this.repositoryLinks = repositoryLinks;
        this.referenceLinks = referenceLinks;
    }

    @Override
    public Optional<Platform> findById(long id) {
        return platforms.findByIdOptional(id).map(this::toDomain);
    }

    @Override
    public Optional<Platform> lockByName(String name) {
        return platforms.lockByName(name).map(this::toDomain);
    }

    @Override
    public List<Platform> findByNames(Collection<String> names) {
        return platforms.findByNames(names).stream().map(this::toDomain).toList();
    }

    @Override
    public List<Platform> listNonReference() {
        return platforms.listNonReference().stream().map(this::toDomain).toList();
    }

    @Override
    public Platform insert(Platform platform) {
        return write(new PlatformEntity(), platform);
    }

    @Override
    public Platform update(Platform platform) {
        return write(platforms.lockForChange(platform.id()), platform);
    }

    private Platform write(PlatformEntity e, Platform platform) {
        copy(platform, e);
        e.bumpVersion();
        platforms.persist(e); // inserts a new platform; a stored one is managed already, and written at flush
        List<Long> repositoryIds = platform.repositories().stream().map(Repository::id).toList();
        repositoryLinks.replace(e.id, repositoryIds);
        repositoryIds.forEach(r -> repositories.claimFor(e.id, r));
        referenceLinks.replace(e.id, platforms.findByNames(platform.referencePlatforms()).stream()
                .map(p -> p.id).toList());
        return toDomain(e);
    }

    private static void copy(Platform p, PlatformEntity e) {
        e.name = p.name();
        e.type = p.type();
        e.distrType = p.distrType();
        e.distrVersion = p.distrVersion();
        e.testDistName = p.testDistName();
        e.contactMail = p.contactMail();
        e.copyright = p.copyright();
        e.pgpKey = p.pgpKey();
        e.priority = p.priority();
        e.archList = new ArrayList<>(p.archList());
        e.copyPriorityArches = p.copyPriorityArches() == null ? null : new ArrayList<>(p.copyPriorityArches());
        e.weakArchList = p.weakArchList() == null ? null : new ArrayList<>(p.weakArchList());
        e.data = new HashMap<>(p.data());
        e.modularity = p.modularity() == null ? null : new HashMap<>(p.modularity());
        e.reference = p.reference();
    }

    /** The links are read with queries of their own. */
    private Platform toDomain(PlatformEntity e) {
        EntityManager em = platforms.getEntityManager();
        List<Repository> repos = em.createQuery("select r from RepositoryEntity r, PlatformRepositoryLink l"
                        + " where l.repositoryId = r.id and l.platformId = :p order by l.position", RepositoryEntity.class)
                .setParameter("p", e.id).getResultStream().map(RepositoryEntity::toDomain).toList();
        List<String> refs = em.createQuery("select p.name from PlatformEntity p, ReferencePlatformLink l"
                        + " where l.referencePlatformId = p.id and l.platformId = :p order by p.name", String.class)
                .setParameter("p", e.id).getResultList();
        Map<String, Object> data = e.data == null ? Map.of() : e.data;
        return new Platform(e.id, e.name, e.type, e.distrType, e.distrVersion, e.testDistName, e.contactMail,
                e.copyright, e.pgpKey, e.priority, e.archList == null ? List.of() : e.archList,
                e.copyPriorityArches, e.weakArchList, data, e.modularity, e.reference, repos, refs);
    }
}
