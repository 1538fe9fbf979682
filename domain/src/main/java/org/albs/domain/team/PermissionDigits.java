package org.albs.domain.team;

/**
 * Upstream's {@code permissions} column: three octal digits for the owner, the group (users sharing a role with the
 * object) and everybody else, each a sum of read 4, write 2 and delete 1. Upstream's default is 764.
 */
public record PermissionDigits(int value) {
    public static final PermissionDigits DEFAULT = new PermissionDigits(764);

    public PermissionDigits {
        if (value < 0 || value > 777 || value % 10 > 7 || value / 10 % 10 > 7) {
            throw new IllegalArgumentException("permissions must be three octal digits: " + value);
        }
    }

    public int owner() {
        return value / 100;
    }

    public int group() {
        return value / 10 % 10;
    }

    public int other() {
        return value % 10;
    }
}
