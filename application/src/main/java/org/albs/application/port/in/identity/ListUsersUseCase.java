package org.albs.application.port.in.identity;

import java.util.List;
import java.util.Optional;

import org.albs.domain.identity.User;

public interface ListUsersUseCase {
    /** Every user (public, as upstream); e-mail addresses only when the viewer is a superuser. */
    List<UserSummary> listUsers(Optional<User> viewer);
}
