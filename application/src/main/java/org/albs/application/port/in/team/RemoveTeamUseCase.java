package org.albs.application.port.in.team;

import org.albs.domain.identity.User;

public interface RemoveTeamUseCase {
    /** Needs delete_team; a team that still has products stays. */
    void remove(User actor, long teamId);
}
