package org.albs.application.fakes;

import org.albs.domain.artifacts.PackageMeta;

/** What a package's header says, read here from its file name ({@code name-version-release.arch.rpm}). */
public final class Packages {
    private Packages() {
    }

    /** The header of an RPM named like its NEVRA; null for anything else (a log). */
    public static PackageMeta meta(String fileName) {
        if (!fileName.endsWith(".rpm")) {
            return null;
        }
        String base = fileName.substring(0, fileName.length() - 4);
        int archDot = base.lastIndexOf('.');
        String arch = base.substring(archDot + 1);
        String nvr = base.substring(0, archDot);
        int r = nvr.lastIndexOf('-');
        int v = nvr.lastIndexOf('-', r - 1);
        if (r < 0 || v < 0) {
            return new PackageMeta(nvr, "0", "0", "0", arch, null);
        }
        String name = nvr.substring(0, v);
        return new PackageMeta(name, "0", nvr.substring(v + 1, r), nvr.substring(r + 1), arch,
                arch.equals("src") ? null : name + "-" + nvr.substring(v + 1) + ".src.rpm");
    }
}
