package org.albs.domain.release;

import java.util.Objects;

/**
 * A package a release is about: one RPM of a build as the server recorded it at import (its header's NEVRA, its
 * source RPM, its checksum), never as the store's database has it.
 *
 * @param force             release it even where the target repository holds a different package of the same NEVRA
 * @param artifactHref      the store's handle of the package as the import recorded it (upstream's
 *                          {@code artifact_href}, a Pulp content href)
 * @param forceNotNotarized upstream's flag for releasing a package no notary (CAS) authenticated; kept as the person
 *                          set it and shown back, it changes nothing here: nothing notarises packages, see
 *                          {@link #casHash()}
 */
public record ReleasePackage(long artifactId, long buildId, long buildTaskId, String name, String epoch,
                             String version, String release, String arch, String sha256, String fullName,
                             String taskArch, String sourceRpm, boolean force, String artifactHref,
                             boolean forceNotNotarized) {
    /** A package without a recorded store handle and with neither flag set (tests, plans read from old rows). */
    public ReleasePackage(long artifactId, long buildId, long buildTaskId, String name, String epoch,
                          String version, String release, String arch, String sha256, String fullName,
                          String taskArch, String sourceRpm, boolean force) {
        this(artifactId, buildId, buildTaskId, name, epoch, version, release, arch, sha256, fullName, taskArch,
                sourceRpm, force, null, false);
    }

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
        return withFlags(newForce, forceNotNotarized);
    }

    /** The package with a person's two flags. */
    public ReleasePackage withFlags(boolean newForce, boolean newForceNotNotarized) {
        return new ReleasePackage(artifactId, buildId, buildTaskId, name, epoch, version, release, arch, sha256,
                fullName, taskArch, sourceRpm, newForce, artifactHref, newForceNotNotarized);
    }

    /**
     * The notary's (CodeNotary CAS) hash of the package, upstream's {@code cas_hash}: always null, because nothing
     * notarises packages here. The web UI then shows the package as not notarized.
     */
    public String casHash() {
        return null;
    }
}
