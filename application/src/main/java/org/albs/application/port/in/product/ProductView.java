package org.albs.application.port.in.product;

import java.util.List;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductRepository;
import org.albs.domain.team.Team;

/**
 * A product as upstream's Product schema shows it: its owner (e-mail only for the owner or a superuser viewer),
 * its team (null for a product made by the distribution API), its whole platforms and the ids of its builds.
 */
public record ProductView(Product product, UserSummary owner, Team team, List<Platform> platforms,
                          List<Long> builds) {
    /**
     * Where the product's builds are released: a community product's own repositories; for the distribution's own
     * product (not community), its platforms' production repositories.
     */
    public List<Repository> repositories() {
        if (!product.community()) {
            return platforms.stream().flatMap(p -> p.repositories().stream()).filter(Repository::production)
                    .toList();
        }
        return product.repositories().stream().map(ProductView::repository).toList();
    }

    private static Repository repository(ProductRepository r) {
        return new Repository(r.id(), r.name(), r.arch(), r.url(), "rpm", r.debug(), 10, true, false, r.handle(),
                null, r.platformId());
    }
}
