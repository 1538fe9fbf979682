package org.albs.domain.builds;

import java.util.List;

import org.albs.domain.ConflictException;

/**
 * When a build may be deleted: not once it is released (its packages are in production repositories), and not while
 * it is in a product (distribution): the product's repositories hold its packages, whose blobs go with the build.
 */
public final class BuildDeletion {
    private BuildDeletion() {
    }

    /**
     * @param products the names of the products the build is in
     * @throws ConflictException naming why, and what to do first
     */
    public static void requireDeletable(long buildId, boolean released, List<String> products) {
        if (released) {
            throw new ConflictException("Cannot delete Build=" + buildId + ": it is released");
        }
        if (!products.isEmpty()) {
            throw new ConflictException("Cannot delete Build=" + buildId + ": it is in distribution "
                    + String.join(", ", products) + "; remove it from distribution " + products.get(0) + " first");
        }
    }
}
