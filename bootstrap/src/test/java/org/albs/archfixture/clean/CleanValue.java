package org.albs.archfixture.clean;

import java.util.List;

/** A "domain" class that follows the rules: JDK only. */
public record CleanValue(String name, List<String> parts) {
    public CleanValue {
        parts = List.copyOf(parts);
    }
}
