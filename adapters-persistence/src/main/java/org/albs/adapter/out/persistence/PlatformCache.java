package org.albs.adapter.out.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.albs.application.port.out.Platforms;
import org.albs.domain.NotFoundException;
import org.albs.domain.platform.Platform;

/**
 * Platforms as get_task needs them (mock data and repositories), kept between calls. Every caller passes the
 * version it read with the task in the same transaction; any change bumps {@code platforms.version} (on any
 * instance), so a stale copy is never used.
 */
@ApplicationScoped
public class PlatformCache {
    private record Entry(long version, Platform platform) {
    }

    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();
    private final Platforms platforms;

    public PlatformCache(Platforms platforms) {
        this.platforms = platforms;
    }

    Platform get(long id, long version) {
        Entry e = cache.get(id);
        if (e != null && e.version() == version) {
            return e.platform();
        }
        Platform loaded = platforms.findById(id)
                .orElseThrow(() -> new NotFoundException("Platform with id " + id + " is not found"));
        cache.put(id, new Entry(version, loaded));
        return loaded;
    }
}
