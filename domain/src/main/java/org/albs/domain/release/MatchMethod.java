package org.albs.domain.release;

import java.util.Optional;

/**
 * How the package knowledge base matched a package of ours to one of the reference platform, from the most exact;
 * only an exact match earns full trust.
 */
public enum MatchMethod {
    EXACT("exact", 1),
    CLOSEST("closest", 2),
    NAME_VERSION("name_version", 2),
    NAME_ONLY("name_only", 2);

    private final String wireName;
    private final int trustness;

    MatchMethod(String wireName, int trustness) {
        this.wireName = wireName;
        this.trustness = trustness;
    }

    public String wireName() {
        return wireName;
    }

    public int trustness() {
        return trustness;
    }

    public static Optional<MatchMethod> named(String name) {
        for (MatchMethod m : values()) {
            if (m.wireName.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
