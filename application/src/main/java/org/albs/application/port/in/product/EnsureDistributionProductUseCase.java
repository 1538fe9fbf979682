package org.albs.application.port.in.product;

import java.util.List;

/**
 * The distribution's own product from the reference data (upstream's {@code scripts/bootstrap_permissions.py}: the
 * system user, the team {@code almalinux} and the product {@code AlmaLinux}, not a community product): created when
 * missing, given the platforms it lacks; idempotent, and safe when several instances start at once.
 *
 * @param name      the product's name (and title)
 * @param team      its team's name; the system user owns it with all five roles
 * @param owner     the system user's name; it cannot sign in (no password, inactive)
 * @param ownerEmail the system user's e-mail
 * @param platforms the names of the platforms it releases into (unknown names are skipped)
 */
public interface EnsureDistributionProductUseCase {
    record DistributionProduct(String name, String team, String owner, String ownerEmail, List<String> platforms) {
    }

    /** Returns the product's id. */
    long ensureDistribution(DistributionProduct spec);
}
