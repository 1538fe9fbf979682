package org.albs.adapter.out.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class PlatformRepositoryLinks implements PanacheRepositoryBase<PlatformRepositoryLink, PlatformRepositoryLink.Key> {
    /**
     * Makes the platform's links exactly these repositories, in this order, as a difference to the stored links
     * (see {@link PlatformRepositoryLink}). The caller holds the platform's row lock.
     */
    void replace(long platformId, List<Long> repositoryIds) {
        Map<Long, PlatformRepositoryLink> dropped = new HashMap<>();
        list("platformId", platformId).forEach(l -> dropped.put(l.repositoryId, l));
        int position = 0;
        for (long repositoryId : repositoryIds) {
            PlatformRepositoryLink kept = dropped.remove(repositoryId);
            if (kept == null) {
                persist(new PlatformRepositoryLink(platformId, repositoryId, position));
            } else {
                kept.position = position;
            }
            position++;
        }
        dropped.values().forEach(this::delete);
    }
}
