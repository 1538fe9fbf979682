package org.albs.application.port.out;

import java.util.List;
import java.util.Optional;

import org.albs.domain.product.Product;
import org.albs.domain.product.ProductPackage;
import org.albs.domain.product.ProductPlatform;
import org.albs.domain.product.ProductRepository;

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

    /**
     * Products whose name or title contains {@code search} (case-insensitive; null or empty: every product),
     * newest first, {@code limit} of them from {@code offset} ({@code limit} 0: all).
     */
    List<Product> search(String search, int offset, int limit);

    /** How many products {@link #search} finds. */
    long count(String search);

    /** The product belongs to the team. */
    void setTeam(long productId, long teamId);

    /** The builds in the product, by id. */
    List<Long> builds(long productId);

    /**
     * Adds the platforms and their repositories to the product, in the caller's transaction; returns it as stored.
     *
     * @throws org.albs.domain.ConflictException when the name of one of the repositories is taken
     */
    Product addPlatforms(long productId, List<ProductPlatform> platforms, List<ProductRepository> repositories);

    /** Deletes the product and its repositories' rows (which builds are in it goes with it); false: no such product. */
    boolean delete(long productId);

    /** Whether a job of the product (making its repositories, adding or removing a build) is running now. */
    boolean hasRunningJob(long productId);

    /** The builds created for the product that still have tasks waiting or building (none: empty). */
    List<Long> openBuilds(long productId);

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
