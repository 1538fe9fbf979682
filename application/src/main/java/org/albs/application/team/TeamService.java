package org.albs.application.team;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.team.ChangeTeamMembersUseCase;
import org.albs.application.port.in.team.ChangeUserRolesUseCase;
import org.albs.application.port.in.team.CreateTeamCommand;
import org.albs.application.port.in.team.CreateTeamUseCase;
import org.albs.application.port.in.team.FindRolesUseCase;
import org.albs.application.port.in.team.FindTeamsUseCase;
import org.albs.application.port.in.team.RemoveTeamUseCase;
import org.albs.application.port.in.team.TeamPage;
import org.albs.application.port.in.team.TeamView;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.team.Action;
import org.albs.domain.team.PermissionDigits;
import org.albs.domain.team.Permissions;
import org.albs.domain.team.Role;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;

/** Teams, their members and the team roles users hold (upstream's teams, roles and users/{id}/roles routes). */
public class TeamService implements FindTeamsUseCase, CreateTeamUseCase, ChangeTeamMembersUseCase, RemoveTeamUseCase,
        FindRolesUseCase, ChangeUserRolesUseCase {
    private final Teams teams;
    private final Users users;
    private final Transactions tx;
    private final Clock clock;

    public TeamService(Teams teams, Users users, Transactions tx, Clock clock) {
        this.teams = teams;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public TeamPage page(int pageNumber, Optional<User> viewer) {
        if (pageNumber < 1) {
            new Problems().add("Input should be greater than 0", "greater_than", "pageNumber").throwIfAny();
        }
        return tx.inTransaction(() -> {
            Views views = new Views(viewer);
            return new TeamPage(teams.page((pageNumber - 1) * TeamPage.SIZE, TeamPage.SIZE).stream()
                    .map(views::of).toList(), teams.count(), pageNumber);
        });
    }

    @Override
    public List<TeamView> list(Optional<User> viewer) {
        return tx.inTransaction(() -> {
            Views views = new Views(viewer);
            return teams.all().stream().map(views::of).toList();
        });
    }

    @Override
    public TeamView show(long teamId, Optional<User> viewer) {
        return tx.inTransaction(() -> new Views(viewer).of(teams.find(teamId).orElseThrow(() -> noTeam(teamId))));
    }

    @Override
    public List<Team> teamsOf(long userId) {
        return tx.inTransaction(() -> teams.teamsOf(requireUser(userId)));
    }

    @Override
    public TeamView create(User actor, CreateTeamCommand command) {
        UserId owner = new UserId(command.userId());
        if (!actor.superuser() && !actor.id().equals(owner)) {
            throw Permissions.denied(Action.CREATE_TEAM, "for another user");
        }
        return tx.inTransaction(() -> {
            if (users.findById(owner).isEmpty()) {
                new Problems().add("User with id " + owner + " is not found", "value_error", "user_id").throwIfAny();
            }
            return new Views(Optional.of(actor)).of(found(owner, command.teamName(), Set.of(RoleKind.MANAGER)));
        });
    }

    @Override
    public Team found(UserId owner, String name, Set<RoleKind> ownerRoles) {
        Team team = teams.insert(name, owner, PermissionDigits.DEFAULT, clock.instant());
        teams.grant(owner, team.roles().stream().filter(r -> ownerRoles.contains(r.kind())).map(Role::id).toList());
        return teams.find(team.id()).orElseThrow();
    }

    @Override
    public TeamView addMembers(User actor, long teamId, List<Long> userIds) {
        requireIds(userIds, "members_to_update", "id");
        return tx.inTransaction(() -> {
            Team team = lockAndRequire(actor, teamId, Action.INVITE_INTO_TEAM);
            List<UserId> joining = requireUsers(userIds);
            long contributor = team.role(RoleKind.CONTRIBUTOR).orElseThrow().id();
            for (UserId user : joining) {
                teams.addMember(teamId, user);
                teams.grant(user, List.of(contributor));
            }
            return new Views(Optional.of(actor)).of(teams.find(teamId).orElseThrow());
        });
    }

    @Override
    public TeamView removeMembers(User actor, long teamId, List<Long> userIds) {
        requireIds(userIds, "members_to_update", "id");
        return tx.inTransaction(() -> {
            Team team = lockAndRequire(actor, teamId, Action.REMOVE_FROM_TEAM);
            List<UserId> leaving = requireUsers(userIds);
            for (UserId user : leaving) {
                if (user.equals(team.owner())) {
                    throw new ConflictException("User " + user + " owns team " + team.name()
                            + " and cannot be removed from it");
                }
                if (!team.hasMember(user)) {
                    throw new ConflictException("User " + user + " is not a member of team " + team.name());
                }
            }
            List<Long> teamRoles = team.roles().stream().map(Role::id).toList();
            for (UserId user : leaving) {
                teams.removeMember(teamId, user);
                teams.revoke(user, teamRoles);
            }
            return new Views(Optional.of(actor)).of(teams.find(teamId).orElseThrow());
        });
    }

    @Override
    public void remove(User actor, long teamId) {
        tx.run(() -> {
            Team team = lockAndRequire(actor, teamId, Action.DELETE_TEAM);
            if (!team.products().isEmpty()) {
                throw new ConflictException("Team " + team.name() + " cannot be removed: it still has "
                        + team.products().size() + " products");
            }
            teams.delete(teamId);
        });
    }

    @Override
    public List<Role> roles() {
        return tx.inTransaction(teams::roles);
    }

    @Override
    public List<Role> rolesOf(long userId) {
        return tx.inTransaction(() -> teams.rolesOf(requireUser(userId)));
    }

    @Override
    public void addRoles(User actor, long userId, List<Long> roleIds) {
        changeRoles(actor, userId, roleIds, teams::grant);
    }

    @Override
    public void removeRoles(User actor, long userId, List<Long> roleIds) {
        changeRoles(actor, userId, roleIds, teams::revoke);
    }

    private void changeRoles(User actor, long userId, List<Long> roleIds,
                             java.util.function.BiConsumer<UserId, List<Long>> change) {
        requireIds(roleIds);
        tx.run(() -> {
            UserId target = requireUser(userId);
            Map<Long, Role> found = teams.findRoles(roleIds).stream()
                    .collect(Collectors.toMap(Role::id, Function.identity()));
            Problems problems = new Problems();
            for (int i = 0; i < roleIds.size(); i++) {
                if (!found.containsKey(roleIds.get(i))) {
                    problems.add("Role with id " + roleIds.get(i) + " is not found", "value_error", i);
                }
            }
            problems.throwIfAny();
            List<Role> actorRoles = teams.rolesOf(actor.id());
            for (long teamId : new java.util.TreeSet<>(found.values().stream().map(Role::teamId).toList())) {
                Team team = teams.lock(teamId).orElseThrow(() -> noTeam(teamId));
                Permissions.require(actor, actorRoles, team.guarded(), Action.ASSIGN_TEAM_ROLE, team.where());
                if (team.owner().equals(target)) {
                    throw new ConflictException("The roles of user " + target + " in team " + team.name()
                            + " cannot be changed: they own it");
                }
            }
            change.accept(target, List.copyOf(new LinkedHashSet<>(roleIds)));
        });
    }

    private Team lockAndRequire(User actor, long teamId, Action action) {
        Team team = teams.lock(teamId).orElseThrow(() -> noTeam(teamId));
        Permissions.require(actor, teams.rolesOf(actor.id()), team.guarded(), action, team.where());
        return team;
    }

    /** Every id given, in the body's shape ({@code [i]} or {@code [field, i, id]}); null ids are 422. */
    private static void requireIds(List<Long> ids, Object... field) {
        Problems problems = new Problems();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i) <= 0) {
                List<Object> loc = new ArrayList<>();
                if (field.length > 0) {
                    loc.add(field[0]);
                }
                loc.add(i);
                for (int f = 1; f < field.length; f++) {
                    loc.add(field[f]);
                }
                problems.add(ids.get(i) == null ? "Field required" : "Input should be greater than 0",
                        ids.get(i) == null ? "missing" : "greater_than", loc.toArray());
            }
        }
        problems.throwIfAny();
    }

    /** The users of the members list, each once; unknown ones are 422 at their place in the list. */
    private List<UserId> requireUsers(List<Long> ids) {
        Problems problems = new Problems();
        Set<UserId> found = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UserId id = new UserId(ids.get(i));
            if (users.findById(id).isEmpty()) {
                problems.add("User with id " + id + " is not found", "value_error", "members_to_update", i, "id");
            }
            found.add(id);
        }
        problems.throwIfAny();
        return List.copyOf(found);
    }

    private UserId requireUser(long userId) {
        UserId id = new UserId(userId);
        users.findById(id).orElseThrow(() -> new NotFoundException("User with id " + userId + " is not found"));
        return id;
    }

    private static NotFoundException noTeam(long teamId) {
        return new NotFoundException("Team with id " + teamId + " is not found");
    }

    /** Teams as the UI sees them, each user read once per request. */
    private final class Views {
        private final boolean seesEmails;
        private final Map<UserId, Optional<User>> read = new HashMap<>();

        Views(Optional<User> viewer) {
            this.seesEmails = viewer.map(User::superuser).orElse(false);
        }

        TeamView of(Team team) {
            TreeMap<Long, UserSummary> members = new TreeMap<>();
            team.members().forEach(m -> summary(m).ifPresent(s -> members.put(s.id(), s)));
            return new TeamView(team.id(), team.name(), summary(team.owner()).orElse(null),
                    List.copyOf(members.values()), team.products(), team.roles());
        }

        private Optional<UserSummary> summary(UserId id) {
            return read.computeIfAbsent(id, users::findById).map(u -> UserSummary.of(u, seesEmails));
        }
    }
}
