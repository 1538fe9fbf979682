package org.albs.application.port.in.builds;

/**
 * The filters of GET /builds/ (all optional). The {@code rpm*} ones match a package the build made, as the
 * artifact store read its header; {@code signed} and {@code released} are the build's flags.
 */
public record BuildFilter(Long createdBy, String project, String ref, Long platformId, String buildTaskArch,
                          Boolean isRunning, String rpmName, String rpmEpoch, String rpmVersion, String rpmRelease,
                          String rpmArch, Boolean released, Boolean signed) {

    /** Without the package and flag filters. */
    public BuildFilter(Long createdBy, String project, String ref, Long platformId, String buildTaskArch,
                       Boolean isRunning) {
        this(createdBy, project, ref, platformId, buildTaskArch, isRunning, null, null, null, null, null, null,
                null);
    }

    /** The whole feed. */
    public static BuildFilter none() {
        return new BuildFilter(null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return equals(none());
    }

    /** Whether any package filter is given. */
    public boolean byPackage() {
        return rpmName != null || rpmEpoch != null || rpmVersion != null || rpmRelease != null || rpmArch != null;
    }
}
