package org.albs.application.port.in.product;

import java.util.List;
import java.util.Optional;

import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.domain.identity.User;

/**
 * Upstream's products API: public reads; a signed-in user creates a product for themselves (a superuser for
 * anybody), with its team and its repositories (made in the store by a job); the owner or a superuser deletes it
 * or adds platforms to it.
 */
public interface ManageProductsUseCase {
    /** Products whose name or title contains {@code search} (case-insensitive; null: all), newest first. */
    List<ProductView> list(Optional<User> viewer, String search);

    ProductPage page(Optional<User> viewer, String search, int pageNumber);

    ProductView show(Optional<User> viewer, long id);

    ProductView create(User actor, NewProductCommand command);

    /** Deletes the product; a job removes its repositories from the store. Returns what was done, for the UI. */
    String remove(User actor, long id);

    /** Adds platforms (ones it has are skipped); a job makes their repositories in the store. */
    ProductView addPlatforms(User actor, long id, List<PlatformRef> platforms);

    /**
     * A new key for a community product (a sign node makes it; the product's earlier keys are archived then): needs
     * {@code gen_key} on the product.
     */
    SignNodeUseCase.GenKeyOffer generateKey(User actor, long id);
}
