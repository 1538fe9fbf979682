package org.albs.domain.lease;

import java.util.Objects;

/** The new state of an item of work and the history entry that explains it: what the store writes, together. */
public record Change<W>(W work, HistoryEntry entry) {
    public Change {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(entry, "entry");
    }
}
