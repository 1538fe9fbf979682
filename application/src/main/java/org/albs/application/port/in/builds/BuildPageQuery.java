package org.albs.application.port.in.builds;

import java.util.Objects;

import org.albs.domain.Problems;

/** One page of the build feed: 10 builds, newest first, filtered. */
public record BuildPageQuery(int pageNumber, BuildFilter filter) {
    public static final int PAGE_SIZE = 10;

    public BuildPageQuery {
        Objects.requireNonNull(filter, "filter");
        Problems p = new Problems();
        if (pageNumber < 1) {
            p.add("pageNumber must be 1 or more", "greater_than_equal", "pageNumber");
        } else if ((long) (pageNumber - 1) * PAGE_SIZE > Integer.MAX_VALUE) {
            p.add("pageNumber is too large", "value_error", "pageNumber");
        }
        p.throwIfAny();
    }

    public int offset() {
        return (pageNumber - 1) * PAGE_SIZE;
    }
}
