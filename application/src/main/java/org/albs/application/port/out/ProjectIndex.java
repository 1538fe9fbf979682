package org.albs.application.port.out;

import java.time.Duration;
import java.util.Map;

import org.albs.domain.sources.ProjectEntry;

/**
 * The project index: per git organisation, every project keyed by its full name. Entries that cannot be read are
 * left out by the adapter (and counted there). Every method may throw {@link ProjectIndexUnavailableException}.
 */
public interface ProjectIndex {
    Map<String, ProjectEntry> read(String organisation);

    /** Replaces the organisation's whole index at once: readers see the old one or the new one, never a mix. */
    void replace(String organisation, Map<String, ProjectEntry> entries);

    /** Adds or replaces one project of the organisation's index. */
    void put(String organisation, ProjectEntry entry);

    /**
     * Takes the named lock for {@code holder} unless someone else holds it; it lapses after {@code ttl} so a crashed
     * holder does not keep it. Shared by every instance.
     */
    boolean tryLock(String name, String holder, Duration ttl);

    /** Releases the lock if {@code holder} still holds it. */
    void unlock(String name, String holder);
}
