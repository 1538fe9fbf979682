package org.albs.application.port.in.product;

import java.util.List;

import org.albs.domain.product.Product;

public interface ListProductsUseCase {
    /** Every product, oldest first. */
    List<Product> list();
}
