package org.albs.domain.release;

import java.util.Objects;

/**
 * A package a release is about: one RPM of a build as the server recorded it at import (its header's NEVRA, its
 * source RPM, its checksum), never as the store's database has it.
 *
 * @param force release it even where the target repository holds a different package of the same NEVRA
 */
public record ReleasePackage(long artifactId, long buildId, long buildTaskId, String name, String epoch,
                             String version, String release, String arch, String sha256, String fullName,
                             String taskArch, String sourceRpm, boolean force) {
    public ReleasePackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(taskArch, "taskArch");
        epoch = epoch == null || epoch.isEmpty() ? "0" : epoch;
    }

    public boolean isSource() {
        return arch.equals("src");
    }

    public boolean isNoarch() {
        return arch.equals("noarch");
    }

    /** Debuginfo and debugsource packages go to the debug repositories. */
    public boolean isDebug() {
        return !isSource() && (name.endsWith("-debuginfo") || name.endsWith("-debugsource")
                || name.contains("-debuginfo-"));
    }

    /** The name of the package a debuginfo or debugsource package belongs to (the name itself otherwise). */
    public String baseName() {
        for (String suffix : new String[] {"-debuginfo", "-debugsource"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** name-epoch:version-release.arch: two packages with the same NEVRA cannot share a repository. */
    public String nevra() {
        return nevra(name, epoch, version, release, arch);
    }

    public static String nevra(String name, String epoch, String version, String release, String arch) {
        return name + "-" + (epoch == null || epoch.isEmpty() ? "0" : epoch) + ":" + version + "-" + release + "."
                + arch;
    }

    public ReleasePackage withForce(boolean newForce) {
        return new ReleasePackage(artifactId, buildId, buildTaskId, name, epoch, version, release, arch, sha256,
                fullName, taskArch, sourceRpm, newForce);
    }
}
