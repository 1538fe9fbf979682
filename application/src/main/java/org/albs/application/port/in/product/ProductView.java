package org.albs.application.port.in.product;

import java.util.List;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.domain.platform.Platform;
import org.albs.domain.product.Product;
import org.albs.domain.team.Team;

/**
 * A product as upstream's Product schema shows it: its owner (e-mail only for the owner or a superuser viewer),
 * its team (null for a product made by the distribution API), its whole platforms and the ids of its builds.
 */
public record ProductView(Product product, UserSummary owner, Team team, List<Platform> platforms,
                          List<Long> builds) {
}
