package org.albs.adapter.out.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.panache.common.Sort;

/** Panache access to platforms, and the counting of their changes ({@link PlatformEntity#version}). */
@ApplicationScoped
class PlatformEntities implements LockingEntities<PlatformEntity> {
    Optional<PlatformEntity> lockByName(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    List<PlatformEntity> findByNames(Collection<String> names) {
        return names.isEmpty() ? List.of() : list("name in ?1", Sort.by("id"), names);
    }

    List<PlatformEntity> listNonReference() {
        return list("reference = false", Sort.by("id"));
    }

    /** The stored platform, write-locked and read as committed, ready for a change. */
    PlatformEntity lockForChange(long id) {
        return lockFresh(findById(id));
    }

    /** A repository changed: every platform linking it counts a change (none may serve a cached copy of it). */
    void repositoryChanged(long repositoryId) {
        list("id in (select l.platformId from PlatformRepositoryLink l where l.repositoryId = ?1)", Sort.by("id"),
                repositoryId).forEach(p -> lockFresh(p).bumpVersion());
    }
}
