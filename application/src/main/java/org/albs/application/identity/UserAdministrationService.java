package org.albs.application.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.albs.application.port.in.builds.DeleteBuildUseCase;
import org.albs.application.port.in.identity.ListUsersUseCase;
import org.albs.application.port.in.identity.RemoveUserUseCase;
import org.albs.application.port.in.identity.UpdateUserCommand;
import org.albs.application.port.in.identity.UpdateUserUseCase;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.UserHoldings;
import org.albs.application.port.out.Users;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.team.Team;

/** The users list and what superusers do to users: verify, (de)activate, promote, remove. */
public class UserAdministrationService implements ListUsersUseCase, UpdateUserUseCase, RemoveUserUseCase {
    private final Users users;
    private final UserHoldings holdings;
    private final Teams teams;
    private final DeleteBuildUseCase builds;
    private final Transactions tx;
    private final Clock clock;

    public UserAdministrationService(Users users, UserHoldings holdings, Teams teams, DeleteBuildUseCase builds,
                                     Transactions tx, Clock clock) {
        this.users = users;
        this.holdings = holdings;
        this.teams = teams;
        this.builds = builds;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<UserSummary> listUsers(Optional<User> viewer) {
        boolean seesEmails = viewer.map(User::superuser).orElse(false);
        return tx.inTransaction(users::all).stream().map(u -> UserSummary.of(u, seesEmails)).toList();
    }

    @Override
    public void updateUser(User actor, long userId, UpdateUserCommand command) {
        actor.requireSuperuser();
        if (command.id() != null && command.id() != userId) {
            new Problems().add("id must be the user_id of the path (" + userId + ")", "value_error", "id")
                    .throwIfAny();
        }
        if (actor.id().value() == userId && Boolean.FALSE.equals(command.isSuperuser())) {
            throw new ConflictException("A superuser cannot remove their own superuser rights");
        }
        boolean found = tx.inTransaction(() -> users.setFlags(new UserId(userId), command.isActive(),
                command.isVerified(), command.isSuperuser(), clock.instant()));
        if (!found) {
            throw notFound(userId);
        }
    }

    /**
     * One transaction: the checks (as upstream: no released or signed builds, no team), every build's normal removal
     * and the user's, or nothing.
     */
    @Override
    public void removeUser(User actor, long userId) {
        actor.requireSuperuser();
        if (actor.id().value() == userId) {
            throw new ConflictException("A superuser cannot remove themselves");
        }
        UserId id = new UserId(userId);
        tx.run(() -> {
            users.findById(id).orElseThrow(() -> notFound(userId));
            UserHoldings.Holdings held = holdings.of(id);
            if (held.releasedBuilds() > 0 || held.signedBuilds() > 0) {
                throw new ConflictException("User with id " + userId + " cannot be removed: they own "
                        + held.releasedBuilds() + " released and " + held.signedBuilds() + " signed builds");
            }
            List<String> memberOf = teams.teamsOf(id).stream().map(Team::name).toList();
            if (!memberOf.isEmpty()) {
                throw new ConflictException("User with id " + userId + " cannot be removed: they are a member of"
                        + " the teams " + String.join(", ", memberOf));
            }
            held.builds().forEach(build -> builds.delete(actor, build));
            try {
                users.delete(id);
            } catch (Users.StillReferenced e) {
                throw new ConflictException("User with id " + userId + " cannot be removed: " + e.getMessage()
                        + "; try again");
            }
        });
    }

    private static NotFoundException notFound(long userId) {
        return new NotFoundException("User with id " + userId + " is not found");
    }
}
