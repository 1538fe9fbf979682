package org.albs.application.port.in.team;

import java.util.List;

import org.albs.domain.identity.User;

/**
 * Grants or takes team roles (ids, the body's list): the caller needs assign_team_role on every team the roles
 * belong to, and a team owner's roles in their own team are not changed.
 */
public interface ChangeUserRolesUseCase {
    void addRoles(User actor, long userId, List<Long> roleIds);

    void removeRoles(User actor, long userId, List<Long> roleIds);
}
