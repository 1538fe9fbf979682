package org.albs.domain.release;

import java.util.List;
import java.util.Objects;

/**
 * A package of the reference platform as the package knowledge base knows it: where it lives (repository names as
 * the reference platform has them, and their arches) and how it matched one of ours.
 */
public record KnownPackage(String name, String version, String arch, List<Location> locations, MatchMethod matched) {
    /** A repository of the reference platform, e.g. {@code centos-stream-8-appstream} {@code x86_64}. */
    public record Location(String repository, String arch) {
        public Location {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(arch, "arch");
        }
    }

    public KnownPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(matched, "matched");
        locations = List.copyOf(locations);
    }
}
