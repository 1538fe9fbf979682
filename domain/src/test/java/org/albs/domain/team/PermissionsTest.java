package org.albs.domain.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.albs.domain.PermissionDeniedException;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** §6.3's can_perform as a table: user × object × action. */
class PermissionsTest {
    private static final long OWNER = 10;
    /** Team T's roles have ids 1-5 in RoleKind order; 99 is the manager role of another team. */
    private static final Map<RoleKind, Role> T = new LinkedHashMap<>();

    static {
        for (RoleKind k : RoleKind.values()) {
            T.put(k, new Role(k.ordinal() + 1, k.roleName("t"), 7, k));
        }
    }

    private static final Role OTHER_MANAGER = new Role(99, "u_manager", 8, RoleKind.MANAGER);

    private record Subject(User user, List<Role> roles) {
    }

    private static User user(long id, boolean superuser) {
        return new User(new UserId(id), "u" + id, "u" + id + "@example.org", null, true, true, superuser,
                Instant.EPOCH, Instant.EPOCH);
    }

    /** The columns of the tables, in order. */
    private static final Map<String, Subject> USERS = new LinkedHashMap<>();

    static {
        USERS.put("superuser", new Subject(user(1, true), List.of()));
        USERS.put("owner with all five roles", new Subject(user(OWNER, false), List.copyOf(T.values())));
        USERS.put("owner with manager", new Subject(user(OWNER, false), List.of(T.get(RoleKind.MANAGER))));
        USERS.put("owner without a role", new Subject(user(OWNER, false), List.of(OTHER_MANAGER)));
        long id = 20;
        for (RoleKind k : RoleKind.values()) {
            USERS.put(k.wireName(), new Subject(user(id++, false), List.of(T.get(k))));
        }
        USERS.put("outsider", new Subject(user(30, false), List.of()));
        USERS.put("manager of another team", new Subject(user(31, false), List.of(OTHER_MANAGER)));
    }

    private static Guarded team(Integer owner, int digits) {
        return new Guarded(owner == null ? null : new UserId(owner), new PermissionDigits(digits),
                Set.of(1L, 2L, 3L, 4L, 5L));
    }

    private static void check(Guarded object, String action, String row) {
        List<String> expected = Arrays.stream(row.trim().split("\\s+")).toList();
        assertThat(expected).hasSize(USERS.size());
        List<String> actual = new ArrayList<>();
        for (Subject s : USERS.values()) {
            actual.add(Permissions.canPerform(s.user(), s.roles(), object,
                    Action.byWireName(action).orElseThrow()) ? "Y" : "-");
        }
        assertThat(actual).as(action + " for " + USERS.keySet()).isEqualTo(expected);
    }

    // columns: superuser, owner with all five roles, owner with manager, owner without a role, contributor,
    //          manager, observer, product_maintainer, signer, outsider, manager of another team
    @ParameterizedTest(name = "team 764: {0}")
    @CsvSource(delimiter = '|', value = {
            "read_team          | Y Y Y - Y Y Y Y Y - -",
            "create_team        | Y Y Y - Y Y - Y Y - -",
            "update_team        | Y Y Y - - Y - - - - -",
            "delete_team        | Y Y Y - - - - - - - -",
            "assign_team_role   | Y Y Y - - Y - - - - -",
            "invite_into_team   | Y Y Y - - Y - - - - -",
            "remove_from_team   | Y Y Y - - Y - - - - -",
            "leave_team         | Y Y Y - Y Y Y Y Y - -",
            "read_build         | Y Y Y - Y Y Y Y Y - -",
            "create_build       | Y Y Y - Y Y - Y Y - -",
            "sign_build         | Y Y - - - - - - Y - -",
            "gen_key            | Y Y Y - - Y - Y - - -",
            "release_build      | Y Y - - - - - Y - - -",
            "delete_build       | Y Y Y - - - - - - - -",
            "create_product     | Y Y Y - Y Y - Y Y - -",
            "read_product       | Y Y Y - Y Y Y Y Y - -",
            "update_product     | Y Y Y - - Y - - - - -",
            "delete_product     | Y Y Y - - - - - - - -",
            "release_to_product | Y Y - - - - - Y - - -",
            "create_platform    | Y Y Y - - Y - - - - -",
            "read_platform      | Y Y Y - Y Y Y Y Y - -",
            "update_platform    | Y Y Y - - Y - - - - -",
            "delete_platform    | Y Y Y - - - - - - - -",
            "read_sign_key_info | Y Y Y - - Y - Y Y - -",
            "use_sign_key       | Y Y - - - - - - Y - -",
            "delete_release     | Y Y - - - - - - - - -",
            "update_test        | Y Y Y - Y Y - - - - -",
            "delete_test        | Y Y Y - - - - - - - -",
    })
    void defaultDigits(String action, String row) {
        check(team((int) OWNER, 764), action, row);
    }

    @ParameterizedTest(name = "team {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // the group digit decides for members, the owner's for the owner, the other digit is never enough
            "700 | read_team     | Y Y Y - - - - - - - -",
            "700 | update_team   | Y Y Y - - - - - - - -",
            "077 | read_team     | Y - - - Y Y Y Y Y - -",
            "077 | delete_team   | Y - - - - Y - - - - -",
            "777 | delete_team   | Y Y Y - - Y - - - - -",
            "777 | delete_build  | Y Y Y - - Y - - - - -",
            "744 | update_team   | Y Y Y - - - - - - - -",
            "744 | read_team     | Y Y Y - Y Y Y Y Y - -",
            "000 | read_team     | Y - - - - - - - - - -",
    })
    void otherDigits(String digits, String action, String row) {
        check(team((int) OWNER, Integer.parseInt(digits)), action, row); // not JUnit's int: "077" would be octal
    }

    @ParameterizedTest(name = "no owner: {0}")
    @CsvSource(delimiter = '|', value = {
            // nobody is the owner: the former owner's roles count as a member's (group digit)
            "read_team    | Y Y Y - Y Y Y Y Y - -",
            "update_team  | Y Y Y - - Y - - - - -",
            "delete_team  | Y - - - - - - - - - -",
    })
    void missingOwnerIsNobody(String action, String row) {
        check(team(null, 764), action, row);
    }

    @ParameterizedTest(name = "no team: {0}")
    @CsvSource(delimiter = '|', value = {
            "read_build   | Y - - - - - - - - - -",
            "delete_build | Y - - - - - - - - - -",
    })
    void missingTeamLeavesOnlyTheSuperuser(String action, String row) {
        check(new Guarded(new UserId(OWNER), PermissionDigits.DEFAULT, null), action, row);
    }

    // our stricter rule where upstream checks nothing: owner, superuser, or a shared role allowing the action
    @ParameterizedTest(name = "owner or role: {0}")
    @CsvSource(delimiter = '|', value = {
            "delete_build | Y Y Y Y - Y - - - - -",
            "create_build | Y Y Y Y Y Y - Y Y - -",
            "sign_build   | Y Y Y Y - - - - Y - -",
    })
    void ownerOrRole(String action, String row) {
        Guarded build = team((int) OWNER, 764);
        List<String> expected = Arrays.stream(row.trim().split("\\s+")).toList();
        List<String> actual = USERS.values().stream().map(s -> Permissions.ownerOrRole(s.user(), s.roles(), build,
                Action.byWireName(action).orElseThrow()) ? "Y" : "-").toList();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aDenialNamesTheAction() {
        Subject observer = USERS.get("observer");
        assertThatThrownBy(() -> Permissions.require(observer.user(), observer.roles(), team((int) OWNER, 764),
                Action.INVITE_INTO_TEAM, "in team t"))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to invite_into_team in team t");
    }

    @Test
    void digitsAreThreeOctalDigits() {
        assertThat(PermissionDigits.DEFAULT.owner()).isEqualTo(7);
        assertThat(PermissionDigits.DEFAULT.group()).isEqualTo(6);
        assertThat(PermissionDigits.DEFAULT.other()).isEqualTo(4);
        for (int bad : new int[] {-1, 778, 780, 800, 1000, 8, 18}) {
            assertThatThrownBy(() -> new PermissionDigits(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyActionHasUpstreamsNameAndOneBit() {
        assertThat(Action.values()).hasSize(28);
        for (Action a : Action.values()) {
            assertThat(Action.byWireName(a.wireName())).contains(a);
            assertThat(a.mask()).isIn(Action.READ, Action.WRITE, Action.DELETE);
        }
        assertThat(RoleKind.PRODUCT_MAINTAINER.roleName("almalinux")).isEqualTo("almalinux_product_maintainer");
    }
}
