package org.albs.domain.testing;

import java.util.Objects;

/** The package a test task installs and tests, as recorded from its header at import. */
public record TestedPackage(String name, String epoch, String version, String release) {
    public TestedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        epoch = epoch == null || epoch.isEmpty() ? "0" : epoch;
    }

    /** What ALTS is told to install: {@code version-release}, or the version alone when there is no release. */
    public String versionRelease() {
        return release == null || release.isEmpty() ? version : version + "-" + release;
    }
}
