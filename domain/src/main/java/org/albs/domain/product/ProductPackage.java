package org.albs.domain.product;

import java.util.Objects;

import org.albs.domain.artifacts.ImportPlan;

/**
 * A package of a build as the server recorded it at import (after signing: the signed one): the task that carries
 * it in the build's repositories, and the store's content unit.
 *
 * @param refId         the build's ref the task built
 * @param taskArch      the task's arch ({@code src} for the source task): the build repository the package is in
 * @param taskCompleted whether the task completed
 * @param arch          the package's own arch (from its header; from its file name when not recorded)
 * @param handle        the store's content unit; null when the package was kept with its task, not imported
 */
public record ProductPackage(String platformName, long refId, String taskArch, boolean taskCompleted,
                             String fileName, String arch, String handle) {
    public ProductPackage {
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(taskArch, "taskArch");
        Objects.requireNonNull(fileName, "fileName");
        if (arch == null || arch.isBlank()) {
            arch = archOf(fileName);
        }
    }

    /** The arch part of an RPM's file name ({@code name-version-release.arch.rpm}). */
    static String archOf(String fileName) {
        String base = fileName.endsWith(".rpm") ? fileName.substring(0, fileName.length() - 4) : fileName;
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1);
    }

    public boolean isSource() {
        return arch.equals("src") || fileName.endsWith(".src.rpm");
    }

    public boolean isDebug() {
        return ImportPlan.isDebug(fileName);
    }
}
