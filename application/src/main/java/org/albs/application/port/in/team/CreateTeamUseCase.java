package org.albs.application.port.in.team;

import java.util.Set;

import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;

public interface CreateTeamUseCase {
    /** A team owned by the user of the command (the caller, unless a superuser creates it for someone), who manages it. */
    TeamView create(User actor, CreateTeamCommand command);

    /**
     * Inside the caller's transaction: a team with its five roles, owned by {@code owner}, who holds
     * {@code ownerRoles} of them. A product creates its team so, giving its owner all five.
     *
     * @throws org.albs.domain.ConflictException when the name is taken
     */
    Team found(UserId owner, String name, Set<RoleKind> ownerRoles);
}
