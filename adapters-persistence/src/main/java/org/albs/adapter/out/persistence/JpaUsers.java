package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.albs.application.port.out.Users;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

@ApplicationScoped
public class JpaUsers implements Users {
    private final UserEntities users;

    JpaUsers(UserEntities users) {
        this.users = users;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return users.findByIdOptional(id.value()).map(JpaUsers::toDomain);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email).map(JpaUsers::toDomain);
    }

    @Override
    public boolean existsByUsernameOrEmail(String username, String email) {
        return users.existsByUsernameOrEmail(username, email);
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
        users.persistAndFlush(e);
        return toDomain(e);
    }

    @Override
    public void setPassword(UserId id, String hashedPassword, Instant now) {
        UserEntity e = users.findById(id.value());
        e.hashedPassword = hashedPassword;
        e.updatedAt = Utc.of(now);
    }

    static User toDomain(UserEntity e) {
        return new User(new UserId(e.id), e.username, e.email, e.hashedPassword, e.active, e.verified, e.superuser,
                Utc.of(e.createdAt), Utc.of(e.updatedAt));
    }
}
