package org.albs.adapter.in.rest.platform;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.platform.PlatformFlavour;

/** Upstream's FlavourResponse. */
@RegisterForReflection
public record PlatformFlavourDto(long id, String name, List<RepositoryDto> repos, Map<String, Object> modularity,
                                 Map<String, Object> data) {
    public static PlatformFlavourDto of(PlatformFlavour f) {
        return new PlatformFlavourDto(f.id(), f.name(), f.repositories().stream().map(RepositoryDto::of).toList(),
                f.modularity(), f.data());
    }
}
