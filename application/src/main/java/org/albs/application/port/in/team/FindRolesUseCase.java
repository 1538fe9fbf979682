package org.albs.application.port.in.team;

import java.util.List;

import org.albs.domain.team.Role;

public interface FindRolesUseCase {
    /** Every role of every team. */
    List<Role> roles();

    /** @throws org.albs.domain.NotFoundException when there is no such user */
    List<Role> rolesOf(long userId);
}
