package org.albs.adapter.in.rest.team;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.team.TeamPage;

/** Upstream's TeamResponse: ten teams, newest first, and how many there are. */
@RegisterForReflection
public record TeamPageDto(List<TeamDto> teams, long totalTeams, int currentPage) {
    static TeamPageDto of(TeamPage p) {
        return new TeamPageDto(p.teams().stream().map(TeamDto::of).toList(), p.totalTeams(), p.currentPage());
    }
}
