package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.albs.application.port.out.Users;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

@ApplicationScoped
public class JpaUsers implements Users {
    private final EntityManager em;

    public JpaUsers(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(em.find(UserEntity.class, id.value())).map(JpaUsers::toDomain);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return em.createQuery("from UserEntity u where lower(u.email) = lower(:email)", UserEntity.class)
                .setParameter("email", email).getResultStream().findFirst().map(JpaUsers::toDomain);
    }

    @Override
    public boolean existsByUsernameOrEmail(String username, String email) {
        return em.createQuery("select count(u) from UserEntity u where u.username = :username "
                        + "or lower(u.email) = lower(:email)", Long.class)
                .setParameter("username", username).setParameter("email", email).getSingleResult() > 0;
    }

    @Override
    public User insert(NewUser user, Instant now) {
        UserEntity e = new UserEntity();
        e.username = user.username();
        e.email = user.email();
        e.hashedPassword = user.hashedPassword();
        e.active = user.active();
        e.verified = user.verified();
        e.superuser = user.superuser();
        e.createdAt = Utc.of(now);
        e.updatedAt = e.createdAt;
        em.persist(e);
        em.flush();
        return toDomain(e);
    }

    @Override
    public void setPassword(UserId id, String hashedPassword, Instant now) {
        UserEntity e = em.find(UserEntity.class, id.value());
        e.hashedPassword = hashedPassword;
        e.updatedAt = Utc.of(now);
    }

    static User toDomain(UserEntity e) {
        return new User(new UserId(e.id), e.username, e.email, e.hashedPassword, e.active, e.verified, e.superuser,
                Utc.of(e.createdAt), Utc.of(e.updatedAt));
    }
}
