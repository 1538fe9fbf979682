package org.albs.adapter.in.rest.product;

import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.domain.identity.User;
import org.albs.application.port.in.product.ChangeProductBuildsUseCase;

/**
 * Adding a build to a product or removing it, for both routes that serve it: the seed's distribution paths and
 * upstream's product paths; {@code what} is the word the answer uses ("distribution" or "product").
 */
final class ProductChanges {
    private ProductChanges() {
    }

    static ProductChangeDto add(ChangeProductBuildsUseCase change, User actor, String buildId, String name,
                                String what) {
        long id = Params.id("path", "build_id", buildId);
        Input.PATH.run(() -> change.add(actor, id, name));
        return new ProductChangeDto(true, "Build " + id + " is being added to " + what + " " + name);
    }

    static ProductChangeDto remove(ChangeProductBuildsUseCase change, User actor, String buildId, String name,
                                   String what) {
        long id = Params.id("path", "build_id", buildId);
        change.remove(actor, id, name);
        return new ProductChangeDto(true, "Build " + id + " is being removed from " + what + " " + name);
    }
}
