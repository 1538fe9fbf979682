package org.albs.application.identity;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.InMemoryUserHoldings;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.identity.UpdateUserCommand;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.domain.ConflictException;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.application.fakes.InMemoryTeams;
import org.albs.application.team.TeamService;
import org.albs.application.port.in.team.CreateTeamCommand;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAdministrationServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final InMemoryTeams teams = new InMemoryTeams(a.tx());
    private final UserAdministrationService admin = new UserAdministrationService(a.users(),
            new InMemoryUserHoldings(a.store()), teams, builds, a.tx(), clock);

    private User root;
    private User alice;

    @BeforeEach
    void seed() {
        root = a.user("root", true);
        alice = a.user("alice", false);
        a.platform("AlmaLinux-9", List.of("x86_64"));
    }

    private long buildOf(User owner) {
        return builds.create(owner, build(platform("AlmaLinux-9", false, "x86_64"), "bash")).id();
    }

    @Test
    void onlySuperusersSeeEmails() {
        assertThat(admin.listUsers(Optional.empty())).extracting(UserSummary::email).containsOnlyNulls();
        assertThat(admin.listUsers(Optional.of(alice))).extracting(UserSummary::email).containsOnlyNulls();
        assertThat(admin.listUsers(Optional.of(root))).extracting(UserSummary::email)
                .containsExactly(root.email(), alice.email());
    }

    @Test
    void aSuperuserSetsFlagsAndLeavesTheOthers() {
        admin.updateUser(root, alice.id().value(), new UpdateUserCommand(null, null, false, null));
        User changed = a.users().findById(alice.id()).orElseThrow();
        assertThat(changed.verified()).isFalse();
        assertThat(changed.active()).isTrue();
        assertThat(changed.superuser()).isFalse();
    }

    @Test
    void updatesAreRefusedToOthersForUnknownUsersAndForOnesOwnSuperuserFlag() {
        assertThatThrownBy(() -> admin.updateUser(alice, root.id().value(), new UpdateUserCommand(null, false, null, null)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> admin.updateUser(root, 999, new UpdateUserCommand(null, true, null, null)))
                .isInstanceOf(NotFoundException.class).hasMessage("User with id 999 is not found");
        assertThatThrownBy(() -> admin.updateUser(root, root.id().value(), new UpdateUserCommand(null, null, null, false)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> admin.updateUser(root, alice.id().value(), new UpdateUserCommand(99L, true, null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new UpdateUserCommand(null, null, null, null)).isInstanceOf(InvalidInputException.class);
        assertThat(a.users().findById(root.id()).orElseThrow().superuser()).isTrue();
    }

    @Test
    void removingAUserRemovesTheirBuildsThroughTheNormalRemoval() {
        long build = buildOf(alice);
        a.runStoreJobs();

        admin.removeUser(root, alice.id().value());

        assertThat(a.users().findById(alice.id())).isEmpty();
        assertThat(a.builds().find(build)).isEmpty();
        assertThat(a.jobs().count(Optional.empty(), Optional.of(StoreJobKind.DELETE_REPOSITORIES), Optional.of(build)))
                .isEqualTo(1);
    }

    @Test
    void aUserWithAReleasedBuildIsKeptWithAllTheirBuilds() {
        long kept = buildOf(alice);
        long released = buildOf(alice);
        a.store().markReleased(released);

        assertThatThrownBy(() -> admin.removeUser(root, alice.id().value()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("1 released");
        assertThat(a.users().findById(alice.id())).isPresent();
        assertThat(a.builds().find(kept)).isPresent();
    }

    @Test
    void removalIsForSuperusersOfOthersWhoExist() {
        assertThatThrownBy(() -> admin.removeUser(alice, root.id().value())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> admin.removeUser(root, root.id().value())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> admin.removeUser(root, 999)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMemberOfATeamStays() {
        TeamService teamService = new TeamService(teams, a.users(), a.tx(), clock);
        teamService.create(alice, new CreateTeamCommand("alma", alice.id().value()));

        assertThatThrownBy(() -> admin.removeUser(root, alice.id().value()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("User with id " + alice.id() + " cannot be removed: they are a member of the teams alma");
        assertThat(a.users().findById(alice.id())).isPresent();
    }
}
