package org.albs.domain.artifacts;

import java.util.Objects;

/** A package a task built, as stored: its file name, the store's content handle and its metadata. */
public record ImportedPackage(String fileName, String contentHandle, PackageMeta meta) {
    public ImportedPackage {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentHandle, "contentHandle");
        Objects.requireNonNull(meta, "meta");
    }

    public boolean isDebug() {
        return ImportPlan.isDebug(fileName);
    }
}
