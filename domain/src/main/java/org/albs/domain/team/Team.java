package org.albs.domain.team;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.albs.domain.identity.UserId;

/**
 * A team: its owner, its members (the owner among them), its five roles ({@code {name}_{kind}}) and the products
 * that belong to it. Guarded by its own roles and permission digits (upstream's default 764).
 */
public record Team(long id, String name, UserId owner, PermissionDigits permissions, List<UserId> members,
                   List<Role> roles, List<TeamProduct> products) {
    public Team {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(permissions, "permissions");
        members = List.copyOf(members);
        roles = List.copyOf(roles);
        products = List.copyOf(products);
    }

    public Guarded guarded() {
        return new Guarded(owner, permissions, roles.stream().map(Role::id).collect(
                java.util.stream.Collectors.toUnmodifiableSet()));
    }

    public boolean hasMember(UserId user) {
        return members.contains(user);
    }

    public Optional<Role> role(RoleKind kind) {
        return roles.stream().filter(r -> r.kind() == kind).findFirst();
    }

    /** "in team almalinux", for a message naming what was denied. */
    public String where() {
        return "in team " + name;
    }
}
