package org.albs.application.port.in.sources;

import org.albs.domain.Problems;

/**
 * Filters of the project list: a name substring (case-insensitive) and an optional page (1-based) of
 * {@code pageSize} projects; without a page, every matching project.
 */
public record ProjectQuery(String nameContains, Integer page, Integer pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public ProjectQuery {
        Problems p = new Problems();
        if (page != null && page < 1) {
            p.add("page must be at least 1", "greater_than_equal", "page");
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            p.add("page_size must be between 1 and " + MAX_PAGE_SIZE, "value_error", "page_size");
        }
        if (nameContains != null && nameContains.length() > 256) {
            p.add("at most 256 characters", "string_too_long", "name");
        }
        p.throwIfAny();
        if (nameContains != null && nameContains.isBlank()) {
            nameContains = null;
        }
    }

    public static ProjectQuery all() {
        return new ProjectQuery(null, null, null);
    }
}
