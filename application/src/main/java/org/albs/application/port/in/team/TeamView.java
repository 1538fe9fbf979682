package org.albs.application.port.in.team;

import java.util.List;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.domain.team.Role;
import org.albs.domain.team.TeamProduct;

/** A team as the web UI shows it; e-mail addresses only for a superuser viewer, as in the users list. */
public record TeamView(long id, String name, UserSummary owner, List<UserSummary> members, List<TeamProduct> products,
                       List<Role> roles) {
}
