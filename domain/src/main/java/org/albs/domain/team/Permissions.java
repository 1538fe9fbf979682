package org.albs.domain.team;

import java.util.Collection;
import java.util.List;

import org.albs.domain.PermissionDeniedException;
import org.albs.domain.identity.User;

/**
 * Upstream's {@code can_perform} (§6.3): a superuser may do anything. Otherwise the permission digit is the owner's
 * for the owner, the group's for a user sharing a role with the object, everybody else's otherwise, and it must have
 * the action's bit; then, <em>even for the owner</em>, one of the roles the user shares with the object must allow
 * the action.
 * <p>
 * Upstream raises (a 500) when the object has no owner or no team; here a missing owner makes nobody the owner and a
 * missing team gives the object no roles, so both simply deny everyone but a superuser.
 */
public final class Permissions {
    private Permissions() {
    }

    public static boolean canPerform(User user, Collection<Role> userRoles, Guarded object, Action action) {
        if (user.superuser()) {
            return true;
        }
        List<Role> shared = shared(userRoles, object);
        int digit = object.ownedBy(user.id()) ? object.permissions().owner()
                : !shared.isEmpty() ? object.permissions().group() : object.permissions().other();
        if ((digit & action.mask()) == 0) {
            return false;
        }
        return shared.stream().anyMatch(r -> r.allows(action));
    }

    /** @throws PermissionDeniedException naming the action and the object ({@code "in team almalinux"}) */
    public static void require(User user, Collection<Role> userRoles, Guarded object, Action action, String where) {
        if (!canPerform(user, userRoles, object, action)) {
            throw denied(action, where);
        }
    }

    /**
     * Our stricter rule for what upstream does not check at all (build delete, restart, cancel; platforms): the
     * owner or a superuser, and besides them whoever shares a role with the object that allows the action.
     */
    public static boolean ownerOrRole(User user, Collection<Role> userRoles, Guarded object, Action action) {
        return user.superuser() || object.ownedBy(user.id())
                || shared(userRoles, object).stream().anyMatch(r -> r.allows(action));
    }

    public static PermissionDeniedException denied(Action action, String where) {
        return new PermissionDeniedException("You don't have permission to " + action.wireName() + " " + where);
    }

    private static List<Role> shared(Collection<Role> userRoles, Guarded object) {
        return userRoles.stream().filter(r -> object.roleIds().contains(r.id())).toList();
    }
}
