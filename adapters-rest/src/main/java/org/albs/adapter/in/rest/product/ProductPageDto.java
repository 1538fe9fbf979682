package org.albs.adapter.in.rest.product;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.product.ProductPage;

/** The products feed's page: {@code {products, total_products, current_page}}. */
@RegisterForReflection
public record ProductPageDto(List<ProductDto> products, long totalProducts, int currentPage) {
    static ProductPageDto of(ProductPage page) {
        return new ProductPageDto(page.products().stream().map(ProductDto::of).toList(), page.total(), page.page());
    }
}
