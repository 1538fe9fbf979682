package org.albs.domain.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named overlay on platforms (upstream PlatformFlavour): extra repositories, by arch, and mock {@code data}
 * merged into the platform's when a build that chose it is built; {@code modularity} is kept for module builds.
 */
public record PlatformFlavour(Long id, String name, List<Repository> repositories, Map<String, Object> modularity,
                             Map<String, Object> data) {
    public PlatformFlavour {
        Objects.requireNonNull(name, "name");
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    public PlatformFlavour withId(long newId) {
        return new PlatformFlavour(newId, name, repositories, modularity, data);
    }
}
