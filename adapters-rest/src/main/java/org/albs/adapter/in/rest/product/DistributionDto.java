package org.albs.adapter.in.rest.product;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.product.Product;

/** Upstream's Distribution as the seed's API shows it: a product seen as a distribution. */
@RegisterForReflection
public record DistributionDto(long id, String name) {
    static DistributionDto of(Product p) {
        return new DistributionDto(p.id(), p.name());
    }
}
