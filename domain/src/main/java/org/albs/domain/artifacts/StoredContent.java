package org.albs.domain.artifacts;

import java.util.Objects;

/**
 * An artifact once the store holds it as content: the store's handle of the unit (a Pulp content href, a blob key
 * of the embedded store), the checksum the store computed, and, for a package, its metadata.
 */
public record StoredContent(String handle, String sha256, PackageMeta pkg) {
    public StoredContent {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(sha256, "sha256");
    }
}
