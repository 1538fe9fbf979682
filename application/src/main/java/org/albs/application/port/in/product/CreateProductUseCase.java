package org.albs.application.port.in.product;

import org.albs.domain.identity.User;
import org.albs.domain.product.Product;

/**
 * A superuser creates a product (distribution) owned by them; its repositories are recorded and then made in the
 * artifact store by a job.
 */
public interface CreateProductUseCase {
    Product create(User actor, CreateProductCommand command);
}
