package org.albs.adapter.in.rest.product;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.product.NewProductCommand;
import org.albs.application.port.in.product.PlatformRef;

/** The bodies the web UI sends to the products routes. */
final class ProductRequests {
    private ProductRequests() {
    }

    /**
     * Upstream's ProductCreate. {@code owner_id} is the JWT's {@code sub}, a string; a numeric string reads as the
     * number. The platforms are whole platform objects; their name (else their id) is read.
     */
    @RegisterForReflection
    record CreateProduct(String name, Long ownerId, String title, String description, List<PlatformBody> platforms,
                         Boolean isCommunity) {
        NewProductCommand toCommand() {
            return new NewProductCommand(name, ownerId, title, description, platforms == null ? null
                    : platforms.stream().map(p -> p == null ? null : p.toRef()).toList(),
                    isCommunity == null || isCommunity);
        }
    }

    /** A whole platform object; only {@code id} and {@code name} are read. */
    @RegisterForReflection
    record PlatformBody(Long id, String name) {
        PlatformRef toRef() {
            return new PlatformRef(id, name);
        }
    }
}
