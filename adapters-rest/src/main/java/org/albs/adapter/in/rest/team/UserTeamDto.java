package org.albs.adapter.in.rest.team;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.team.Team;

/** Upstream's UserTeam: a team a user is a member of. */
@RegisterForReflection
public record UserTeamDto(long id, String name) {
    public static UserTeamDto of(Team t) {
        return new UserTeamDto(t.id(), t.name());
    }
}
