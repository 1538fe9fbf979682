package org.albs.domain.product;

import java.util.List;
import java.util.Objects;

/** A platform of a product, with the architectures it builds for (its repositories follow them). */
public record ProductPlatform(long id, String name, List<String> arches) {
    public ProductPlatform {
        Objects.requireNonNull(name, "name");
        arches = List.copyOf(arches);
    }
}
