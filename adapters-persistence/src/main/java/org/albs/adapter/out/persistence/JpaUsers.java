package org.albs.adapter.out.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.PersistenceException;

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
        try {
            users.persistAndFlush(e);
        } catch (PersistenceException ex) {
            throw translate(ex, "user '" + user.username() + "' <" + user.email() + ">");
        }
        return toDomain(e);
    }

    @Override
    public Optional<User> findByGithubId(long githubId) {
        return users.findByGithubId(githubId).map(JpaUsers::toDomain);
    }

    @Override
    public void linkGithub(UserId id, long githubId, Instant now) {
        UserEntity e = users.findById(id.value());
        e.githubId = githubId;
        e.updatedAt = Utc.of(now);
        try {
            users.flush();
        } catch (PersistenceException ex) {
            throw translate(ex, "GitHub account " + githubId);
        }
    }

    @Override
    public boolean existsByUsername(String username) {
        return users.existsByUsername(username);
    }

    @Override
    public List<User> all() {
        return users.listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(JpaUsers::toDomain).toList();
    }

    @Override
    public boolean setFlags(UserId id, Boolean active, Boolean verified, Boolean superuser, Instant now) {
        // the row is locked while read: concurrent changes of different flags never undo each other
        Optional<UserEntity> found = users.findByIdOptional(id.value(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        found.ifPresent(e -> {
            if (active != null) {
                e.active = active;
            }
            if (verified != null) {
                e.verified = verified;
            }
            if (superuser != null) {
                e.superuser = superuser;
            }
            e.updatedAt = Utc.of(now);
        });
        return found.isPresent();
    }

    @Override
    public boolean delete(UserId id) {
        try {
            boolean deleted = users.deleteById(id.value());
            users.flush();
            return deleted;
        } catch (PersistenceException ex) {
            if ("23503".equals(sqlState(ex))) {
                throw new Users.StillReferenced("rows created meanwhile still belong to the user", ex);
            }
            throw ex;
        }
    }

    private static RuntimeException translate(PersistenceException ex, String what) {
        if ("23505".equals(sqlState(ex))) {
            return new Users.Duplicate(what + " is taken", ex);
        }
        return ex;
    }

    private static String sqlState(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
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
