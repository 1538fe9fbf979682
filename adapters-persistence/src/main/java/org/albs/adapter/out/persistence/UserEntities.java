package org.albs.adapter.out.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Panache queries on users; e-mail addresses compare without case, as the unique index on lower(email) does. */
@ApplicationScoped
class UserEntities implements PanacheRepositoryBase<UserEntity, Long> {
    Optional<UserEntity> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    Optional<UserEntity> findByGithubId(long githubId) {
        return find("githubId", githubId).firstResultOptional();
    }

    boolean existsByUsername(String username) {
        return count("username", username) > 0;
    }

    boolean existsByUsernameOrEmail(String username, String email) {
        return count("username = ?1 or lower(email) = lower(?2)", username, email) > 0;
    }
}
