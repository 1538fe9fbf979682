package org.albs.application.port.out;

import java.time.Instant;
import java.util.Optional;

import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

public interface Users {
    Optional<User> findById(UserId id);

    Optional<User> findByEmail(String email);

    boolean existsByUsernameOrEmail(String username, String email);

    User insert(NewUser user, Instant now);

    void setPassword(UserId id, String hashedPassword, Instant now);
}
