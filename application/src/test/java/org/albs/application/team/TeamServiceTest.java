package org.albs.application.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.albs.application.fakes.ImmediateTransactions;
import org.albs.application.fakes.InMemoryTeams;
import org.albs.application.fakes.InMemoryUsers;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.team.CreateTeamCommand;
import org.albs.application.port.in.team.TeamView;
import org.albs.domain.ConflictException;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.team.Role;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;
import org.albs.domain.team.TeamProduct;
import org.junit.jupiter.api.Test;

class TeamServiceTest {
    private final ImmediateTransactions tx = new ImmediateTransactions();
    private final InMemoryUsers users = new InMemoryUsers(tx);
    private final InMemoryTeams teams = new InMemoryTeams(tx);
    private final TeamService service = new TeamService(teams, users, tx,
            new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));
    private final User admin = user("admin", true);
    private final User alice = user("alice", false);
    private final User bob = user("bob", false);
    private final User carol = user("carol", false);

    private User user(String name, boolean superuser) {
        return tx.inTransaction(() -> users.insert(new NewUser(name, name + "@example.org", null, true, true,
                superuser), Instant.EPOCH));
    }

    private TeamView aliceTeam() {
        return service.create(alice, new CreateTeamCommand("alma", alice.id().value()));
    }

    private List<RoleKind> kinds(User u) {
        return service.rolesOf(u.id().value()).stream().map(Role::kind).toList();
    }

    private Role role(TeamView team, RoleKind kind) {
        return team.roles().stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    private static List<List<Object>> locs(InvalidInputException e) {
        return e.problems().stream().map(FieldProblem::path).toList();
    }

    @Test
    void theCreatorOwnsManagesAndIsTheOnlyMember() {
        TeamView team = aliceTeam();

        assertThat(team.name()).isEqualTo("alma");
        assertThat(team.owner().username()).isEqualTo("alice");
        assertThat(team.owner().email()).as("only superusers see e-mail addresses").isNull();
        assertThat(team.members()).extracting(UserSummary::id).containsExactly(alice.id().value());
        assertThat(team.products()).isEmpty();
        assertThat(team.roles()).extracting(Role::name).containsExactlyInAnyOrder("alma_contributor",
                "alma_manager", "alma_observer", "alma_product_maintainer", "alma_signer");
        assertThat(kinds(alice)).containsExactly(RoleKind.MANAGER);
        assertThat(service.teamsOf(alice.id().value())).extracting(Team::name).containsExactly("alma");
        assertThat(service.show(team.id(), Optional.of(admin)).owner().email()).isEqualTo("alice@example.org");
    }

    @Test
    void onlyASuperuserCreatesATeamForSomebodyElse() {
        assertThatThrownBy(() -> service.create(bob, new CreateTeamCommand("x", alice.id().value())))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("create_team");

        TeamView team = service.create(admin, new CreateTeamCommand("x", alice.id().value()));
        assertThat(team.owner().id()).isEqualTo(alice.id().value());
        assertThat(kinds(alice)).containsExactly(RoleKind.MANAGER);
        assertThat(kinds(admin)).isEmpty();
    }

    @Test
    void badCreationsAreRefusedWithoutATrace() {
        aliceTeam();
        assertThatThrownBy(() -> service.create(bob, new CreateTeamCommand("alma", bob.id().value())))
                .isInstanceOf(ConflictException.class);
        InvalidInputException unknown = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> service.create(admin, new CreateTeamCommand("y", 999L)));
        assertThat(locs(unknown)).containsExactly(List.of("user_id"));
        InvalidInputException bad = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> new CreateTeamCommand(" ", null));
        assertThat(locs(bad)).containsExactly(List.of("team_name"), List.of("user_id"));
        assertThatThrownBy(() -> new CreateTeamCommand("x".repeat(81), 1L)).isInstanceOf(InvalidInputException.class);
        assertThat(service.list(Optional.empty())).extracting(TeamView::name).containsExactly("alma");
        assertThat(kinds(bob)).isEmpty();
    }

    @Test
    void joiningGivesContributorAndLeavingTakesEveryRoleOfTheTeam() {
        TeamView team = aliceTeam();
        TeamView other = service.create(admin, new CreateTeamCommand("other", carol.id().value()));

        TeamView joined = service.addMembers(alice, team.id(), List.of(bob.id().value(), bob.id().value()));
        assertThat(joined.members()).extracting(UserSummary::username).containsExactly("alice", "bob");
        assertThat(kinds(bob)).containsExactly(RoleKind.CONTRIBUTOR);

        service.addRoles(alice, bob.id().value(), List.of(role(team, RoleKind.SIGNER).id()));
        service.addMembers(carol, other.id(), List.of(bob.id().value()));
        TeamView left = service.removeMembers(alice, team.id(), List.of(bob.id().value()));

        assertThat(left.members()).extracting(UserSummary::username).containsExactly("alice");
        assertThat(service.rolesOf(bob.id().value())).extracting(Role::name).containsExactly("other_contributor");
        assertThat(service.teamsOf(bob.id().value())).extracting(Team::name).containsExactly("other");
    }

    @Test
    void onlyThoseWhoMayInviteOrRemoveChangeMembers() {
        TeamView team = aliceTeam();
        service.addMembers(alice, team.id(), List.of(bob.id().value()));

        assertThatThrownBy(() -> service.addMembers(bob, team.id(), List.of(carol.id().value())))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to invite_into_team in team alma");
        assertThatThrownBy(() -> service.removeMembers(carol, team.id(), List.of(bob.id().value())))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to remove_from_team in team alma");

        service.addRoles(alice, bob.id().value(), List.of(role(team, RoleKind.MANAGER).id()));
        service.addMembers(bob, team.id(), List.of(carol.id().value()));
        service.removeMembers(admin, team.id(), List.of(carol.id().value()));
        assertThat(service.show(team.id(), Optional.empty()).members()).extracting(UserSummary::username)
                .containsExactly("alice", "bob");
    }

    @Test
    void membersChangesAreAllOrNothing() {
        TeamView team = aliceTeam();

        InvalidInputException unknown = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> service.addMembers(alice, team.id(), List.of(bob.id().value(), 999L)));
        assertThat(locs(unknown)).containsExactly(List.of("members_to_update", 1, "id"));
        InvalidInputException missing = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> service.addMembers(alice, team.id(), Arrays.asList(bob.id().value(), null)));
        assertThat(locs(missing)).containsExactly(List.of("members_to_update", 1, "id"));
        assertThat(service.show(team.id(), Optional.empty()).members()).hasSize(1);
        assertThat(kinds(bob)).isEmpty();

        assertThatThrownBy(() -> service.removeMembers(alice, team.id(), List.of(alice.id().value())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("owns team alma");
        assertThatThrownBy(() -> service.removeMembers(alice, team.id(), List.of(bob.id().value())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("not a member");
        assertThatThrownBy(() -> service.addMembers(alice, 999, List.of()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyTheOwningManagerOrASuperuserRemovesATeamWithoutProducts() {
        TeamView team = aliceTeam();
        service.addMembers(alice, team.id(), List.of(bob.id().value()));
        service.addRoles(alice, bob.id().value(), List.of(role(team, RoleKind.MANAGER).id()));

        // the group digit of 764 has no delete bit: a manager who is not the owner may not
        assertThatThrownBy(() -> service.remove(bob, team.id())).isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to delete_team in team alma");
        teams.attachProduct(team.id(), new TeamProduct(5, "p", "P"));
        assertThatThrownBy(() -> service.remove(alice, team.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("products");

        TeamView second = service.create(alice, new CreateTeamCommand("second", alice.id().value()));
        service.remove(alice, second.id());
        assertThat(service.teamsOf(alice.id().value())).extracting(Team::name).containsExactly("alma");
        assertThat(kinds(alice)).containsExactly(RoleKind.MANAGER);
        assertThatThrownBy(() -> service.remove(admin, second.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rolesAreChangedByWhoeverMayAssignThemButNeverTheOwners() {
        TeamView team = aliceTeam();
        service.addMembers(alice, team.id(), List.of(bob.id().value()));
        long signer = role(team, RoleKind.SIGNER).id();

        assertThatThrownBy(() -> service.addRoles(bob, carol.id().value(), List.of(signer)))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to assign_team_role in team alma");
        assertThatThrownBy(() -> service.removeRoles(admin, alice.id().value(),
                List.of(role(team, RoleKind.MANAGER).id())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("they own it");
        InvalidInputException unknown = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> service.addRoles(alice, bob.id().value(), List.of(signer, 999L)));
        assertThat(locs(unknown)).containsExactly(List.of(1));
        assertThatThrownBy(() -> service.addRoles(alice, 999, List.of(signer))).isInstanceOf(NotFoundException.class);

        service.addRoles(alice, bob.id().value(), List.of(signer, signer));
        assertThat(kinds(bob)).containsExactly(RoleKind.CONTRIBUTOR, RoleKind.SIGNER);
        service.removeRoles(alice, bob.id().value(), List.of(role(team, RoleKind.CONTRIBUTOR).id()));
        assertThat(kinds(bob)).containsExactly(RoleKind.SIGNER);
        assertThat(service.roles()).hasSize(5);
    }

    @Test
    void pagesHoldTenTeamsNewestFirst() {
        for (int i = 1; i <= 12; i++) {
            service.create(alice, new CreateTeamCommand("t" + i, alice.id().value()));
        }
        assertThat(service.page(1, Optional.empty()).teams()).hasSize(10).first()
                .extracting(TeamView::name).isEqualTo("t12");
        assertThat(service.page(2, Optional.empty()).teams()).extracting(TeamView::name).containsExactly("t2", "t1");
        assertThat(service.page(2, Optional.empty()).totalTeams()).isEqualTo(12);
        assertThat(service.page(2, Optional.empty()).currentPage()).isEqualTo(2);
        InvalidInputException zero = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> service.page(0, Optional.empty()));
        assertThat(locs(zero)).containsExactly(List.of("pageNumber"));
    }

    @Test
    void aProductFoundsItsTeamGivingItsOwnerEveryRole() {
        Team team = tx.inTransaction(() -> service.found(bob.id(), "prod", Set.of(RoleKind.values())));

        assertThat(team.members()).containsExactly(bob.id());
        assertThat(kinds(bob)).containsExactlyInAnyOrder(RoleKind.values());
    }
}
