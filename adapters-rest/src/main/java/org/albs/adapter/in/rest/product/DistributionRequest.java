package org.albs.adapter.in.rest.product;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.product.CreateProductCommand;

/** Upstream's DistributionCreate: a name and the platforms, by name. */
@RegisterForReflection
public record DistributionRequest(String name, List<String> platforms) {
    CreateProductCommand toCommand() {
        return new CreateProductCommand(name, platforms);
    }
}
