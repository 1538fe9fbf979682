package org.albs.domain.builds;

import java.util.Objects;

/** A file a node built and uploaded for a task: an RPM or a build log, where it lies and its checksums. */
public record BuiltArtifact(String name, String type, String href, String sha256, String casHash) {
    public BuiltArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(sha256, "sha256");
    }

    public boolean isSourceRpm() {
        return type.equals("rpm") && name.endsWith(".src.rpm");
    }
}
