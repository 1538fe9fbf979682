package org.albs.domain.team;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a user may do to an object guarded by permission digits and team roles, with the permission bit each needs
 * (upstream's {@code alws/perms/actions.py}: read 4, write 2, delete 1).
 */
public enum Action {
    READ_BUILD(Action.READ), CREATE_BUILD(Action.WRITE), SIGN_BUILD(Action.WRITE), GEN_KEY(Action.WRITE),
    RELEASE_BUILD(Action.WRITE), DELETE_BUILD(Action.DELETE),

    READ_TEAM(Action.READ), CREATE_TEAM(Action.WRITE), UPDATE_TEAM(Action.WRITE), DELETE_TEAM(Action.DELETE),
    ASSIGN_TEAM_ROLE(Action.WRITE), INVITE_INTO_TEAM(Action.WRITE), REMOVE_FROM_TEAM(Action.WRITE),
    LEAVE_TEAM(Action.WRITE),

    CREATE_PRODUCT(Action.WRITE), READ_PRODUCT(Action.READ), UPDATE_PRODUCT(Action.WRITE),
    DELETE_PRODUCT(Action.DELETE), RELEASE_TO_PRODUCT(Action.WRITE),

    CREATE_PLATFORM(Action.WRITE), READ_PLATFORM(Action.READ), UPDATE_PLATFORM(Action.WRITE),
    DELETE_PLATFORM(Action.DELETE),

    READ_SIGN_KEY_INFO(Action.READ), USE_SIGN_KEY(Action.WRITE),

    DELETE_RELEASE(Action.DELETE),

    UPDATE_TEST(Action.WRITE), DELETE_TEST(Action.DELETE);

    public static final int READ = 4;
    public static final int WRITE = 2;
    public static final int DELETE = 1;

    private final int mask;

    Action(int mask) {
        this.mask = mask;
    }

    /** The permission bit (4, 2 or 1) a permission digit must have for this action. */
    public int mask() {
        return mask;
    }

    /** The upstream name, as messages and clients spell it ({@code invite_into_team}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Action> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
