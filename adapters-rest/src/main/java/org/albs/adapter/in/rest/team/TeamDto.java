package org.albs.adapter.in.rest.team;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.team.TeamView;

/** Upstream's Team schema: owner and members as the users list shows users, products, roles. */
@RegisterForReflection
public record TeamDto(long id, String name, UserSummary owner, List<UserSummary> members,
                      List<TeamProductDto> products, List<RoleDto> roles) {
    @RegisterForReflection
    public record TeamProductDto(long id, String name, String title) {
    }

    static TeamDto of(TeamView t) {
        return new TeamDto(t.id(), t.name(), t.owner(), t.members(),
                t.products().stream().map(p -> new TeamProductDto(p.id(), p.name(), p.title())).toList(),
                t.roles().stream().map(RoleDto::of).toList());
    }
}
