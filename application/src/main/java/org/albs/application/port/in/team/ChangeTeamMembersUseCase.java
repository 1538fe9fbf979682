package org.albs.application.port.in.team;

import java.util.List;

import org.albs.domain.identity.User;

/**
 * Joining a team gives the team's contributor role; leaving takes every role of the team. The caller needs
 * invite_into_team or remove_from_team on the team. User ids are the body's {@code members_to_update[i].id}.
 */
public interface ChangeTeamMembersUseCase {
    TeamView addMembers(User actor, long teamId, List<Long> userIds);

    TeamView removeMembers(User actor, long teamId, List<Long> userIds);
}
