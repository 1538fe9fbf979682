package org.albs.application.fakes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

import org.albs.application.port.out.Users;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

/** Users as the users table keeps them: unique username, unique e-mail ignoring case. */
public final class InMemoryUsers implements Users {
    private final ImmediateTransactions tx;
    private final TreeMap<Long, User> rows = new TreeMap<>();
    private final Map<Long, Long> githubLinks = new HashMap<>();
    private long nextId = 1;

    public InMemoryUsers(ImmediateTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(rows.get(id.value()));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return rows.values().stream().filter(u -> sameEmail(u.email(), email)).findFirst();
    }

    @Override
    public boolean existsByUsernameOrEmail(String username, String email) {
        return rows.values().stream().anyMatch(u -> u.username().equals(username) || sameEmail(u.email(), email));
    }

    @Override
    public User insert(NewUser user, Instant now) {
        tx.requireActive("Users.insert");
        if (existsByUsernameOrEmail(user.username(), user.email())) {
            throw new Users.Duplicate("duplicate key: username '" + user.username() + "' or email '"
                    + user.email() + "'", null);
        }
        User stored = new User(new UserId(nextId++), user.username(), user.email(), user.hashedPassword(),
                user.active(), user.verified(), user.superuser(), now, now);
        rows.put(stored.id().value(), stored);
        return stored;
    }

    @Override
    public void setPassword(UserId id, String hashedPassword, Instant now) {
        tx.requireActive("Users.setPassword");
        User u = require(id);
        rows.put(id.value(), new User(u.id(), u.username(), u.email(), hashedPassword, u.active(), u.verified(),
                u.superuser(), u.createdAt(), now));
    }

    @Override
    public Optional<User> findByGithubId(long githubId) {
        return githubLinks.entrySet().stream().filter(e -> e.getValue() == githubId)
                .map(e -> rows.get(e.getKey())).findFirst();
    }

    @Override
    public void linkGithub(UserId id, long githubId, Instant now) {
        tx.requireActive("Users.linkGithub");
        require(id);
        findByGithubId(githubId).filter(u -> !u.id().equals(id)).ifPresent(u -> {
            throw new Users.Duplicate("GitHub account " + githubId + " is linked to user " + u.id(), null);
        });
        githubLinks.put(id.value(), githubId);
    }

    @Override
    public boolean existsByUsername(String username) {
        return rows.values().stream().anyMatch(u -> u.username().equals(username));
    }

    @Override
    public boolean setFlags(UserId id, Boolean active, Boolean verified, Boolean superuser, Instant now) {
        tx.requireActive("Users.setFlags");
        User u = rows.get(id.value());
        if (u == null) {
            return false;
        }
        rows.put(id.value(), new User(u.id(), u.username(), u.email(), u.hashedPassword(),
                active == null ? u.active() : active, verified == null ? u.verified() : verified,
                superuser == null ? u.superuser() : superuser, u.createdAt(), now));
        return true;
    }

    @Override
    public boolean delete(UserId id) {
        tx.requireActive("Users.delete");
        githubLinks.remove(id.value());
        return rows.remove(id.value()) != null;
    }

    /** Test set-up: changes a stored user's flags, as an administrator editing the row would. */
    public User setFlags(UserId id, boolean active, boolean verified, boolean superuser) {
        User u = require(id);
        User changed = new User(u.id(), u.username(), u.email(), u.hashedPassword(), active, verified, superuser,
                u.createdAt(), u.updatedAt());
        rows.put(id.value(), changed);
        return changed;
    }

    @Override
    public List<User> all() {
        return List.copyOf(rows.values());
    }

    private User require(UserId id) {
        User u = rows.get(id.value());
        if (u == null) {
            throw new IllegalStateException("no user " + id);
        }
        return u;
    }

    private static boolean sameEmail(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
