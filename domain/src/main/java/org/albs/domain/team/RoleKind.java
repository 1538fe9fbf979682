package org.albs.domain.team;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.albs.domain.team.Action.*;

/**
 * The five roles every team has, each a set of actions, as upstream's {@code alws/perms/roles.py} defines them. A
 * team's role is named {@code {team}_{kind}} ({@link #roleName}).
 */
public enum RoleKind {
    CONTRIBUTOR(EnumSet.of(READ_TEAM, READ_BUILD, LEAVE_TEAM, CREATE_TEAM, CREATE_BUILD, CREATE_PRODUCT, READ_PRODUCT,
            READ_PLATFORM, UPDATE_TEST)),
    MANAGER(EnumSet.of(READ_TEAM, READ_BUILD, GEN_KEY, ASSIGN_TEAM_ROLE, REMOVE_FROM_TEAM, INVITE_INTO_TEAM, LEAVE_TEAM,
            UPDATE_TEAM, CREATE_TEAM, DELETE_TEAM, CREATE_BUILD, DELETE_BUILD, CREATE_PLATFORM, READ_PLATFORM,
            UPDATE_PLATFORM, DELETE_PLATFORM, CREATE_PRODUCT, READ_PRODUCT, UPDATE_PRODUCT, DELETE_PRODUCT,
            READ_SIGN_KEY_INFO, UPDATE_TEST, DELETE_TEST)),
    OBSERVER(EnumSet.of(READ_TEAM, READ_BUILD, LEAVE_TEAM, READ_PLATFORM, READ_PRODUCT)),
    PRODUCT_MAINTAINER(EnumSet.of(READ_TEAM, GEN_KEY, READ_BUILD, LEAVE_TEAM, CREATE_TEAM, CREATE_BUILD,
            CREATE_PRODUCT, READ_PRODUCT, READ_PLATFORM, RELEASE_BUILD, RELEASE_TO_PRODUCT, READ_SIGN_KEY_INFO,
            DELETE_RELEASE)),
    SIGNER(EnumSet.of(READ_TEAM, READ_BUILD, LEAVE_TEAM, CREATE_TEAM, CREATE_BUILD, CREATE_PRODUCT, READ_PRODUCT,
            READ_PLATFORM, SIGN_BUILD, READ_SIGN_KEY_INFO, USE_SIGN_KEY));

    private final Set<Action> actions;

    RoleKind(Set<Action> actions) {
        this.actions = Set.copyOf(actions);
    }

    public Set<Action> actions() {
        return actions;
    }

    public boolean allows(Action action) {
        return actions.contains(action);
    }

    /** {@code manager}, {@code product_maintainer}, … */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The name of this role of the team: {@code {team}_{kind}}. */
    public String roleName(String teamName) {
        return teamName + "_" + wireName();
    }

    public static Optional<RoleKind> byWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
}
