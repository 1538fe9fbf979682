package org.albs.domain.artifacts;

import java.util.Objects;

/**
 * What the artifact store read from a package's header when it stored it: its NEVRA and the source RPM it was built
 * from ({@code null} for a source package). Kept with the artifact, so later steps (tests, signing, releases) never
 * ask the store again.
 */
public record PackageMeta(String name, String epoch, String version, String release, String arch, String sourceRpm) {
    public PackageMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(arch, "arch");
        epoch = epoch == null || epoch.isEmpty() ? "0" : epoch;
    }

    public boolean isNoarch() {
        return arch.equals("noarch");
    }
}
