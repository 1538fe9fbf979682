package org.albs.domain.team;

import java.util.Objects;
import java.util.Set;

import org.albs.domain.identity.UserId;

/**
 * What the permission model knows of an object (a team, a product, a build): its owner, its permission digits and
 * the ids of its roles (a team's own roles, or the roles of the team the object belongs to). A missing owner (NULL
 * upstream) is {@code null} here: nobody is its owner. An object without a team has no roles.
 */
public record Guarded(UserId owner, PermissionDigits permissions, Set<Long> roleIds) {
    public Guarded {
        Objects.requireNonNull(permissions, "permissions");
        roleIds = roleIds == null ? Set.of() : Set.copyOf(roleIds);
    }

    public boolean ownedBy(UserId user) {
        return owner != null && owner.equals(user);
    }
}
