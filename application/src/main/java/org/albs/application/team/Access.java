package org.albs.application.team;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.Teams;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.product.Product;
import org.albs.domain.team.Action;
import org.albs.domain.team.Guarded;
import org.albs.domain.team.PermissionDigits;
import org.albs.domain.team.Permissions;
import org.albs.domain.team.Role;

/**
 * The one place where a use case asks the permission model (§6.3) about a product or a build. A product is guarded by
 * its owner and its team's roles; a build by its owner and the roles of the team of the product it was created for
 * (upstream stores that team on the build). Both carry upstream's default digits 764 (neither has its own column
 * here). Reads run in the caller's transaction.
 */
public final class Access {
    private final Products products;
    private final Teams teams;

    public Access(Products products, Teams teams) {
        this.products = products;
        this.teams = teams;
    }

    /**
     * Upstream's check where upstream has one (create a build for a product, release into it): even the owner needs
     * a role of the product's team that allows the action; a superuser may.
     *
     * @throws org.albs.domain.PermissionDeniedException naming the action and the product
     */
    public void requireOnProduct(User actor, Product product, Action action) {
        Permissions.require(actor, teams.rolesOf(actor.id()), guarded(product), action,
                "for the product " + product.name());
    }

    /**
     * Our rule where upstream checks nothing (build delete, restart, cancel, tests, signing, releasing a build): the
     * build's owner or a superuser, and besides them whoever holds a role of the build's product team that allows
     * the action.
     *
     * @throws org.albs.domain.PermissionDeniedException naming the action and the build
     */
    public void requireOnBuild(User actor, Builds.BuildHeader build, Action action) {
        requireOnBuild(actor, build.id(), build.owner(), build.productId(), action);
    }

    /** {@link #requireOnBuild(User, Builds.BuildHeader, Action)} for a build known by its owner and product. */
    public void requireOnBuild(User actor, long buildId, UserId owner, Long productId, Action action) {
        requireOwnerOrRoleOfProduct(actor, owner, productId, action, "on build " + buildId);
    }

    /**
     * A release (edit, commit, revert: {@code release_to_product}; delete: {@code delete_release}): its owner, a
     * superuser, or a role of its product's team that allows the action (upstream checks the role only).
     */
    public void requireOnRelease(User actor, long releaseId, UserId owner, Long productId, Action action) {
        requireOwnerOrRoleOfProduct(actor, owner, productId, action, "on release " + releaseId);
    }

    /**
     * Changing a product (delete: {@code delete_product}; new platforms: {@code update_product}): its owner, a
     * superuser, or a role of its team that allows it (a product made by the distribution API has no team).
     */
    public void requireOwnerOrRole(User actor, Product product, Action action) {
        requireOwnerOrRoleOfTeam(actor, product.owner(), product.teamId(), action,
                "for the product " + product.name());
    }

    private void requireOwnerOrRoleOfProduct(User actor, UserId owner, Long productId, Action action,
                                             String where) {
        Long team = productId == null ? null : products.find(productId).map(Product::teamId).orElse(null);
        requireOwnerOrRoleOfTeam(actor, owner, team, action, where);
    }

    private void requireOwnerOrRoleOfTeam(User actor, UserId owner, Long teamId, Action action, String where) {
        if (actor.superuser() || actor.id().equals(owner)) {
            return;
        }
        Guarded guarded = new Guarded(owner, PermissionDigits.DEFAULT, teamRoles(teamId));
        if (!Permissions.ownerOrRole(actor, teams.rolesOf(actor.id()), guarded, action)) {
            throw Permissions.denied(action, where + " (only its owner, a superuser or a role of its product's team"
                    + " that allows it may)");
        }
    }

    /** The product a request names (checked before asking about it). */
    public Optional<Product> findProduct(long productId) {
        return products.find(productId);
    }

    private Guarded guarded(Product product) {
        return new Guarded(product.owner(), PermissionDigits.DEFAULT, teamRoles(product.teamId()));
    }

    private Set<Long> teamRoles(Long teamId) {
        return teamId == null ? Set.of() : teams.find(teamId)
                .map(t -> t.roles().stream().map(Role::id).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }
}
