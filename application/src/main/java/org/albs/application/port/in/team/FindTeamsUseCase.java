package org.albs.application.port.in.team;

import java.util.List;
import java.util.Optional;

import org.albs.domain.identity.User;
import org.albs.domain.team.Team;

/** Teams are public, as upstream: anybody may list and read them. */
public interface FindTeamsUseCase {
    /** @throws org.albs.domain.InvalidInputException when the page number is not positive (loc {@code pageNumber}) */
    TeamPage page(int pageNumber, Optional<User> viewer);

    List<TeamView> list(Optional<User> viewer);

    /** @throws org.albs.domain.NotFoundException when there is no such team */
    TeamView show(long teamId, Optional<User> viewer);

    /** The teams the user is a member of. @throws org.albs.domain.NotFoundException when there is no such user */
    List<Team> teamsOf(long userId);
}
