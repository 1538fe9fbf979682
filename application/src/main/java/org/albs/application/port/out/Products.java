package org.albs.application.port.out;

import java.util.List;
import java.util.Optional;

import org.albs.domain.product.Product;
import org.albs.domain.product.ProductPackage;

/**
 * Products (distributions): the product with its platforms and its repositories (production rows of the
 * repositories), which builds are in it, and what adding or removing a build reads of the builds.
 */
public interface Products {
    /**
     * Inserts the product, its platforms and its repositories, in the caller's transaction; returns it with its
     * id and its repositories' ids.
     *
     * @throws org.albs.domain.ConflictException when the name, or the name of one of its repositories, is taken
     */
    Product insert(Product product);

    Optional<Product> find(long id);

    Optional<Product> findByName(String name);

    /** Every product, oldest first. */
    List<Product> list();

    /** The store has the product's repository now: its handle and where it is served. */
    void repositoryCreated(long repositoryId, String handle, String url);

    boolean contains(long productId, long buildId);

    /** Records the build as in the product (again is harmless). */
    void addBuild(long productId, long buildId);

    /** Records the build as no longer in the product (one that is not is harmless). */
    void removeBuild(long productId, long buildId);

    /** The names of the platforms the build was built for (empty: no such build). */
    List<String> platformsOf(long buildId);

    /**
     * The RPMs of every task of the build as recorded at import (signed ones after signing), with their task's
     * platform, ref, arch and status.
     */
    List<ProductPackage> packages(long buildId);

    /** The packages ({@link #packages}) of the product's builds other than {@code buildId}. */
    List<ProductPackage> packagesOfOtherBuilds(long productId, long buildId);
}
