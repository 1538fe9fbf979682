package org.albs.adapter.out.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.albs.application.port.out.Repositories;
import org.albs.domain.platform.Repository;

@ApplicationScoped
public class JpaRepositories implements Repositories {
    private final RepositoryEntities repositories;
    private final PlatformEntities platforms;

    JpaRepositories(RepositoryEntities repositories, PlatformEntities platforms) {
        this.repositories = repositories;
        this.platforms = platforms;
    }

    @Override
    public Repository upsert(Repository r) {
        RepositoryEntity e = repositories.upsert(r);
        // platforms handing this repository to build nodes must not serve a cached copy of it
        platforms.repositoryChanged(e.id);
        return e.toDomain();
    }

    @Override
    public Optional<Repository> findById(long id) {
        return repositories.findByIdOptional(id).map(RepositoryEntity::toDomain);
    }

    @Override
    public List<Repository> findByIds(Collection<Long> ids) {
        return repositories.findByIds(ids).stream().map(RepositoryEntity::toDomain).toList();
    }

    @Override
    public List<Repository> list(int limit, long offset) {
        return repositories.page(limit, offset).stream().map(RepositoryEntity::toDomain).toList();
    }
}
