package org.albs.adapter.out.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class ReferencePlatformLinks implements PanacheRepositoryBase<ReferencePlatformLink, ReferencePlatformLink.Key> {
    /** Makes the platform's reference platforms exactly these, as a difference to the stored links. */
    void replace(long platformId, List<Long> referencePlatformIds) {
        Map<Long, ReferencePlatformLink> dropped = new HashMap<>();
        list("platformId", platformId).forEach(l -> dropped.put(l.referencePlatformId, l));
        for (long referencePlatformId : referencePlatformIds) {
            if (dropped.remove(referencePlatformId) == null) {
                persist(new ReferencePlatformLink(platformId, referencePlatformId));
            }
        }
        dropped.values().forEach(this::delete);
    }
}
