package org.albs.application.port.in.product;

import java.util.List;

/** One page of the products feed: 10 a page, newest first. */
public record ProductPage(List<ProductView> products, long total, int page) {
    public static final int SIZE = 10;
}
