package org.albs.domain.release;

import java.util.Objects;

/**
 * A production repository a planned package goes to.
 *
 * @param trustness how sure the planner is: 1 the reference platform has this very package there, 2 it has the
 *                  package there by a looser match, 0 nothing matched and the package goes to the devel repository
 * @param matched   the package knowledge base's match method that decided it (null: none)
 */
public record TargetRepository(long id, String name, String arch, boolean debug, String url, int trustness,
                               String matched) {
    public TargetRepository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
    }
}
