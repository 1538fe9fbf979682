package org.albs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

public interface Users {
    Optional<User> findById(UserId id);

    Optional<User> findByEmail(String email);

    boolean existsByUsernameOrEmail(String username, String email);

    /** @throws Duplicate when the username, e-mail or linked account is taken (also by a concurrent insert) */
    User insert(NewUser user, Instant now);

    void setPassword(UserId id, String hashedPassword, Instant now);

    /** The user linked to this GitHub account. */
    Optional<User> findByGithubId(long githubId);

    /** Links the user to a GitHub account (replacing an earlier link). @throws Duplicate if another user has it */
    void linkGithub(UserId id, long githubId, Instant now);

    boolean existsByUsername(String username);

    /** Every user, by id. */
    List<User> all();

    /** Sets the flags given (null: unchanged); false when there is no such user. */
    boolean setFlags(UserId id, Boolean active, Boolean verified, Boolean superuser, Instant now);

    /** Removes the user; false when there is none. @throws StillReferenced if something still belongs to it */
    boolean delete(UserId id);

    /** A unique username, e-mail or account link was taken, possibly by another instance at the same moment. */
    final class Duplicate extends RuntimeException {
        public Duplicate(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The user cannot be removed while rows elsewhere still name it. */
    final class StillReferenced extends RuntimeException {
        public StillReferenced(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
