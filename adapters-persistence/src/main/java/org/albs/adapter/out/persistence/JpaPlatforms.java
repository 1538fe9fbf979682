package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.albs.application.port.out.Platforms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

@ApplicationScoped
public class JpaPlatforms implements Platforms {
    private final EntityManager em;

    public JpaPlatforms(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Platform> findById(long id) {
        return Optional.ofNullable(em.find(PlatformEntity.class, id)).map(this::toDomain);
    }

    @Override
    public Optional<Platform> lockByName(String name) {
        return em.createQuery("from PlatformEntity p where p.name = :name", PlatformEntity.class)
                .setParameter("name", name).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst().map(this::toDomain);
    }

    @Override
    public List<Platform> findByNames(Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from PlatformEntity p where p.name in :names order by p.id", PlatformEntity.class)
                .setParameter("names", names).getResultList().stream().map(this::toDomain).toList();
    }

    @Override
    public List<Platform> listNonReference() {
        return em.createQuery("from PlatformEntity p where p.reference = false order by p.id", PlatformEntity.class)
                .getResultList().stream().map(this::toDomain).toList();
    }

    @Override
    public Platform insert(Platform platform) {
        PlatformEntity e = new PlatformEntity();
        copy(platform, e);
        em.persist(e);
        em.flush();
        writeLinks(e.id, platform);
        return reread(e.id);
    }

    @Override
    public Platform update(Platform platform) {
        PlatformEntity e = em.find(PlatformEntity.class, platform.id());
        copy(platform, e);
        em.flush();
        writeLinks(e.id, platform);
        return reread(e.id);
    }

    /** The links and repositories.platform_id were written with native SQL: read them back, not from the session. */
    private Platform reread(long id) {
        em.flush();
        em.clear();
        return findById(id).orElseThrow();
    }

    private void writeLinks(long platformId, Platform platform) {
        em.createNativeQuery("UPDATE platforms SET version = version + 1 WHERE id = :p")
                .setParameter("p", platformId).executeUpdate();
        em.createNativeQuery("DELETE FROM platform_repository WHERE platform_id = :p")
                .setParameter("p", platformId).executeUpdate();
        int position = 0;
        for (Repository r : platform.repositories()) {
            em.createNativeQuery("INSERT INTO platform_repository (platform_id, repository_id, position) "
                            + "VALUES (:p, :r, :pos)")
                    .setParameter("p", platformId).setParameter("r", r.id()).setParameter("pos", position++)
                    .executeUpdate();
            em.createNativeQuery("UPDATE repositories SET platform_id = :p WHERE id = :r AND platform_id IS NULL")
                    .setParameter("p", platformId).setParameter("r", r.id()).executeUpdate();
        }
        em.createNativeQuery("DELETE FROM reference_platforms WHERE platform_id = :p")
                .setParameter("p", platformId).executeUpdate();
        for (String ref : platform.referencePlatforms()) {
            em.createNativeQuery("INSERT INTO reference_platforms (platform_id, reference_platform_id) "
                            + "SELECT :p, id FROM platforms WHERE name = :n")
                    .setParameter("p", platformId).setParameter("n", ref).executeUpdate();
        }
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

    private Platform toDomain(PlatformEntity e) {
        return toDomain(em, e);
    }

    @SuppressWarnings("unchecked")
    private static Platform toDomain(EntityManager em, PlatformEntity e) {
        List<Repository> repos = em.createQuery("select r from RepositoryEntity r, PlatformRepositoryLink l"
                        + " where l.repositoryId = r.id and l.platformId = :p order by l.position", RepositoryEntity.class)
                .setParameter("p", e.id).getResultStream().map(RepositoryEntity::toDomain).toList();
        List<String> refs = em.createNativeQuery("SELECT p.name FROM reference_platforms r "
                        + "JOIN platforms p ON p.id = r.reference_platform_id WHERE r.platform_id = :p ORDER BY p.name")
                .setParameter("p", e.id).getResultList();
        Map<String, Object> data = e.data == null ? Map.of() : e.data;
        return new Platform(e.id, e.name, e.type, e.distrType, e.distrVersion, e.testDistName, e.contactMail,
                e.copyright, e.pgpKey, e.priority, e.archList == null ? List.of() : e.archList,
                e.copyPriorityArches, e.weakArchList, data, e.modularity, e.reference, repos, refs);
    }
}
