package org.albs.domain.artifacts;

import java.util.Objects;

/** A package a task built (or adopted), as stored: its file name and the store's content unit with its header. */
public record ImportedPackage(String fileName, StoredContent content) {
    public ImportedPackage {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(content.pkg(), "a package has a header");
    }

    public String contentHandle() {
        return content.handle();
    }

    public PackageMeta meta() {
        return content.pkg();
    }

    public boolean isDebug() {
        return ImportPlan.isDebug(fileName);
    }
}
