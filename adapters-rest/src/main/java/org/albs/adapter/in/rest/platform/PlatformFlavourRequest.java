package org.albs.adapter.in.rest.platform;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.platform.PlatformFlavourSpec;

/** Upstream CreateFlavour / UpdateFlavour; also the shape of one entry of upstream's reference flavours file. */
@RegisterForReflection
public record PlatformFlavourRequest(String name, Map<String, Object> modularity,
                                     List<PlatformRequest.RepositoryRequest> repositories,
                                     Map<String, Object> data) {
    public PlatformFlavourSpec toSpec() {
        return new PlatformFlavourSpec(name, modularity,
                repositories == null ? null : repositories.stream().map(r -> r == null ? null : r.toSpec()).toList(),
                data);
    }
}
