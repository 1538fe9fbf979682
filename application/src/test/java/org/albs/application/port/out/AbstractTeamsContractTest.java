package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.albs.domain.ConflictException;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.team.PermissionDigits;
import org.albs.domain.team.Role;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;
import org.albs.domain.team.TeamProduct;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Teams} does: a team comes with its owner as member and its five roles, memberships and role
 * grants are idempotent, removing a team takes its roles from everyone. Names get a random suffix.
 */
public abstract class AbstractTeamsContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private Teams teams;
    private Users users;
    private Transactions tx;

    protected abstract Teams teams();

    protected abstract Users users();

    protected abstract Transactions transactions();

    /** Makes a product (of the team's owner) belong to the team; returns its id. */
    protected abstract long attachProduct(Team team, String productName);

    @BeforeEach
    void setUp() {
        teams = teams();
        users = users();
        tx = transactions();
    }

    private <T> T tx(Supplier<T> work) {
        return tx.inTransaction(work);
    }

    private User user(String name) {
        return tx(() -> users.insert(new NewUser(name + suffix, name + suffix + "@example.org", null, true, true,
                false), T0));
    }

    private Team team(String name, User owner) {
        return tx(() -> teams.insert(name + suffix, owner.id(), PermissionDigits.DEFAULT, T0));
    }

    @Test
    public void aTeamHasItsOwnerAsMemberAndFiveRolesNamedAfterIt() {
        User alice = user("alice");
        Team team = team("t", alice);

        assertThat(team.id()).isPositive();
        assertThat(team.name()).isEqualTo("t" + suffix);
        assertThat(team.owner()).isEqualTo(alice.id());
        assertThat(team.permissions()).isEqualTo(PermissionDigits.DEFAULT);
        assertThat(team.members()).containsExactly(alice.id());
        assertThat(team.products()).isEmpty();
        assertThat(team.roles()).extracting(Role::name).containsExactlyInAnyOrder("t" + suffix + "_contributor",
                "t" + suffix + "_manager", "t" + suffix + "_observer", "t" + suffix + "_product_maintainer",
                "t" + suffix + "_signer");
        assertThat(team.roles()).extracting(Role::teamId).containsOnly(team.id());
        assertThat(team.role(RoleKind.SIGNER).orElseThrow().name()).isEqualTo("t" + suffix + "_signer");
        assertThat(tx(() -> teams.find(team.id()))).contains(team);
        assertThat(tx(() -> teams.rolesOf(alice.id()))).isEmpty();
        assertThat(tx(() -> teams.find(Long.MAX_VALUE))).isEmpty();
        assertThat(tx(() -> teams.roles())).containsAll(team.roles());
    }

    @Test
    public void aTakenNameIsAConflict() {
        User alice = user("alice");
        team("dup", alice);

        assertThatThrownBy(() -> team("dup", user("bob"))).isInstanceOf(ConflictException.class);
    }

    @Test
    public void membershipsAreIdempotentAndListTheUsersTeams() {
        User alice = user("alice");
        User bob = user("bob");
        Team a = team("a", alice);
        Team b = team("b", alice);

        tx(() -> {
            teams.addMember(a.id(), bob.id());
            teams.addMember(a.id(), bob.id());
            teams.addMember(b.id(), bob.id());
            return null;
        });
        assertThat(tx(() -> teams.lock(a.id())).orElseThrow().members()).containsExactlyInAnyOrder(alice.id(),
                bob.id());
        assertThat(tx(() -> teams.teamsOf(bob.id()))).extracting(Team::id).containsExactly(a.id(), b.id());

        tx(() -> {
            teams.removeMember(a.id(), bob.id());
            teams.removeMember(a.id(), bob.id());
            return null;
        });
        assertThat(tx(() -> teams.find(a.id())).orElseThrow().members()).containsExactly(alice.id());
        assertThat(tx(() -> teams.teamsOf(bob.id()))).extracting(Team::id).containsExactly(b.id());
    }

    @Test
    public void grantsAreIdempotentAndRevokingWhatIsNotHeldIsHarmless() {
        User alice = user("alice");
        User bob = user("bob");
        Team team = team("g", alice);
        long manager = team.role(RoleKind.MANAGER).orElseThrow().id();
        long signer = team.role(RoleKind.SIGNER).orElseThrow().id();

        tx(() -> {
            teams.grant(bob.id(), List.of(manager, signer));
            teams.grant(bob.id(), List.of(manager));
            return null;
        });
        assertThat(tx(() -> teams.rolesOf(bob.id()))).extracting(Role::id).containsExactly(manager, signer);

        tx(() -> {
            teams.revoke(bob.id(), List.of(signer, team.role(RoleKind.OBSERVER).orElseThrow().id()));
            return null;
        });
        assertThat(tx(() -> teams.rolesOf(bob.id()))).extracting(Role::kind).containsExactly(RoleKind.MANAGER);
        assertThat(tx(() -> teams.findRoles(List.of(manager, Long.MAX_VALUE)))).extracting(Role::id)
                .containsExactly(manager);
    }

    @Test
    public void removingATeamTakesItsRolesAndMembershipsFromEveryone() {
        User alice = user("alice");
        User bob = user("bob");
        Team gone = team("gone", alice);
        Team stays = team("stays", alice);
        long goneRole = gone.role(RoleKind.CONTRIBUTOR).orElseThrow().id();
        long staysRole = stays.role(RoleKind.CONTRIBUTOR).orElseThrow().id();
        tx(() -> {
            teams.addMember(gone.id(), bob.id());
            teams.grant(bob.id(), List.of(goneRole, staysRole));
            return null;
        });

        assertThat(tx(() -> teams.delete(gone.id()))).isTrue();

        assertThat(tx(() -> teams.find(gone.id()))).isEmpty();
        assertThat(tx(() -> teams.rolesOf(bob.id()))).extracting(Role::id).containsExactly(staysRole);
        assertThat(tx(() -> teams.teamsOf(bob.id()))).isEmpty();
        assertThat(tx(() -> teams.roles())).extracting(Role::teamId).doesNotContain(gone.id());
        assertThat(tx(() -> teams.delete(gone.id()))).isFalse();
        // the name is free again
        assertThat(team("gone", bob).name()).isEqualTo("gone" + suffix);
    }

    @Test
    public void pagesAreNewestFirst() {
        User alice = user("alice");
        long before = tx(() -> teams.count());
        Team first = team("p1", alice);
        Team second = team("p2", alice);
        Team third = team("p3", alice);

        assertThat(tx(() -> teams.count())).isEqualTo(before + 3);
        assertThat(tx(() -> teams.page(0, 2))).extracting(Team::id).containsExactly(third.id(), second.id());
        assertThat(tx(() -> teams.page(2, 1))).extracting(Team::id).containsExactly(first.id());
        List<Long> all = tx(() -> teams.all()).stream().map(Team::id).toList();
        assertThat(all.subList(0, 3)).containsExactly(third.id(), second.id(), first.id());
    }

    @Test
    public void aTeamListsItsProducts() {
        Team team = team("prod", user("alice"));
        long product = attachProduct(team, "product-" + suffix);

        assertThat(tx(() -> teams.find(team.id())).orElseThrow().products()).extracting(TeamProduct::id,
                TeamProduct::name).containsExactly(org.assertj.core.groups.Tuple.tuple(product, "product-" + suffix));
    }
}
