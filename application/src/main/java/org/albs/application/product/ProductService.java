package org.albs.application.product;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.port.in.product.ChangeProductBuildsUseCase;
import org.albs.application.port.in.product.CreateProductCommand;
import org.albs.application.port.in.product.CreateProductUseCase;
import org.albs.application.port.in.product.ListProductsUseCase;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.User;
import org.albs.domain.lease.WorkState;
import org.albs.domain.platform.Platform;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductModification;
import org.albs.domain.product.ProductPlatform;

/**
 * Products, which the seed's API calls distributions: creation (the repositories recorded, a job makes them in the
 * store), the list, and adding or removing a build (checked here, done by a job, {@link ProductJob}).
 */
public final class ProductService implements CreateProductUseCase, ListProductsUseCase, ChangeProductBuildsUseCase {
    /** A product job is not about one build (its repositories): the build id it is listed under. */
    public static final long NO_BUILD = 0;

    private final Products products;
    private final Platforms platforms;
    private final Builds builds;
    private final StoreJobs jobs;
    private final Transactions tx;
    private final Clock clock;

    public ProductService(Products products, Platforms platforms, Builds builds, StoreJobs jobs, Transactions tx,
                          Clock clock) {
        this.products = products;
        this.platforms = platforms;
        this.builds = builds;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Product create(User actor, CreateProductCommand command) {
        actor.requireSuperuser();
        return tx.inTransaction(() -> {
            List<Platform> found = platforms.findByNames(command.platforms());
            Problems p = new Problems();
            List<ProductPlatform> chosen = new ArrayList<>();
            for (int i = 0; i < command.platforms().size(); i++) {
                String name = command.platforms().get(i);
                Optional<Platform> platform = found.stream().filter(f -> f.name().equals(name)).findFirst();
                if (platform.isEmpty()) {
                    p.add("Unknown platform '" + name + "'", "value_error", "platforms", i);
                } else {
                    chosen.add(new ProductPlatform(platform.get().id(), name, platform.get().archList()));
                }
            }
            p.throwIfAny();
            if (products.findByName(command.name()).isPresent()) {
                throw new ConflictException("Distribution " + command.name() + " already exists");
            }
            Product product = products.insert(Product.create(command.name(), actor.id(), actor.username(), chosen,
                    clock.instant()));
            if (!product.repositories().isEmpty()) {
                jobs.enqueue(job(StoreJobKind.CREATE_PRODUCT_REPOSITORIES, product.id(), NO_BUILD));
            }
            return product;
        });
    }

    @Override
    public List<Product> list() {
        return tx.inTransaction(products::list);
    }

    @Override
    public long add(User actor, long buildId, String product) {
        return change(actor, buildId, product, ProductModification.Action.ADD);
    }

    @Override
    public long remove(User actor, long buildId, String product) {
        return change(actor, buildId, product, ProductModification.Action.REMOVE);
    }

    private long change(User actor, long buildId, String name, ProductModification.Action action) {
        return tx.inTransaction(() -> {
            Builds.BuildHeader build = builds.find(buildId)
                    .orElseThrow(() -> new NotFoundException("Build with build_id=" + buildId + " is not found"));
            Product product = products.findByName(name)
                    .orElseThrow(() -> new NotFoundException("Distribution " + name + " is not found"));
            actor.requireOwnerOrSuperuser(build.owner(), (action == ProductModification.Action.ADD ? "add"
                    : "remove") + " this build " + (action == ProductModification.Action.ADD ? "to" : "from")
                    + " a distribution");
            if (action == ProductModification.Action.ADD) {
                ProductModification.requireAddable(product, buildId, products.platformsOf(buildId),
                        products.packages(buildId), "build_id");
            }
            return jobs.enqueue(job(action == ProductModification.Action.ADD ? StoreJobKind.ADD_TO_PRODUCT
                    : StoreJobKind.REMOVE_FROM_PRODUCT, product.id(), buildId));
        });
    }

    private StoreJob job(StoreJobKind kind, long productId, long buildId) {
        return new StoreJob(WorkState.waiting(0, StoreJobStatus.WAITING), kind, StoreJob.Subject.build(buildId),
                Map.of(ProductJob.PRODUCT_STEP, "done:" + productId), clock.instant());
    }
}
