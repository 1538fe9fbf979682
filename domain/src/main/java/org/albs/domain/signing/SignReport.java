package org.albs.domain.signing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sign node reports when it completes a sign task (clients.md §2.1 c): success with every package it signed
 * and uploaded, or failure with its error message. Kept with the task until the signing job has processed it.
 */
public record SignReport(boolean success, String errorMessage, List<SignedPackage> packages,
                         Map<String, Object> stats) {
    /** One signed package: the artifact it signs, the file, the key's fingerprint and the signed file's upload. */
    public record SignedPackage(Long id, String name, String arch, String type, String href, String fingerprint,
                                String sha256, String casHash) {
        public SignedPackage {
            Objects.requireNonNull(name, "name");
        }
    }

    public SignReport {
        packages = packages == null ? List.of() : List.copyOf(packages);
        // the node's stats are free-form JSON (nulls included): kept as sent
        stats = stats == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
    }
}
