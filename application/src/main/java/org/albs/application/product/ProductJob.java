package org.albs.application.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.Transactions;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductModification;
import org.albs.domain.product.ProductPackage;
import org.albs.domain.product.ProductRepository;

/**
 * The product jobs, one instance per kind: {@link StoreJobKind#CREATE_PRODUCT_REPOSITORIES},
 * {@link StoreJobKind#ADD_TO_PRODUCT} and {@link StoreJobKind#REMOVE_FROM_PRODUCT}. Each first makes the product's
 * repositories the store does not have yet (found before created, so the order of jobs never matters). Adding or
 * removing a build then plans with {@link ProductModification} from what the server recorded, changes and
 * publishes each repository once, and records the build as in the product or not in its finishing transaction.
 *
 * <p>Crash safety: whether the build was in the product when the job began is recorded as a step, so a job taken
 * over (or retried by an operator) plans the same changes, and its done changes are not made twice. A job that
 * fails for good after it began changing repositories leaves the build recorded as in the product: its packages
 * may be in some repositories, so removing it takes them out again, and the build cannot be deleted meanwhile.
 */
public final class ProductJob implements StoreJobService.KindWork {
    /** The step naming the product a job is about (its result: the product id). */
    public static final String PRODUCT_STEP = "product";
    static final String MEMBER_STEP = "member";
    private static final String CHANGE = "change:";

    private final StoreJobKind kind;
    private final Products products;
    private final ArtifactStore store;
    private final Transactions tx;

    public ProductJob(StoreJobKind kind, Products products, ArtifactStore store, Transactions tx) {
        if (kind != StoreJobKind.CREATE_PRODUCT_REPOSITORIES && kind != StoreJobKind.ADD_TO_PRODUCT
                && kind != StoreJobKind.REMOVE_FROM_PRODUCT) {
            throw new IllegalArgumentException("not a product job: " + kind);
        }
        this.kind = kind;
        this.products = products;
        this.store = store;
        this.tx = tx;
    }

    @Override
    public StoreJobKind kind() {
        return kind;
    }

    static long productId(StoreJob job) {
        return Long.parseLong(job.result(PRODUCT_STEP).orElseThrow(() ->
                new IllegalStateException("product job " + job.id() + " names no product")));
    }

    @Override
    public void work(StoreJobService.JobRun run) {
        long productId = productId(run.job());
        Product product = tx.inTransaction(() -> products.find(productId)).orElse(null);
        if (product == null) {
            run.finish("the distribution " + productId + " is gone", () -> { });
            return;
        }
        product = withRepositories(run, product);
        if (kind == StoreJobKind.CREATE_PRODUCT_REPOSITORIES) {
            run.finish(null, () -> { });
            return;
        }
        long buildId = run.job().subject().buildId();
        Optional<String> recorded = run.job().result(MEMBER_STEP);
        boolean member;
        if (recorded.isPresent()) {
            member = Boolean.parseBoolean(recorded.get());
        } else {
            member = tx.inTransaction(() -> products.contains(productId, buildId));
            run.record(run.job().done(MEMBER_STEP, Boolean.toString(member)));
            run.saveWith(() -> { });
        }
        List<ProductPackage> mine = tx.inTransaction(() -> products.packages(buildId));
        List<ProductPackage> others = tx.inTransaction(() -> products.packagesOfOtherBuilds(productId, buildId));
        ProductModification.Action action = kind == StoreJobKind.ADD_TO_PRODUCT ? ProductModification.Action.ADD
                : ProductModification.Action.REMOVE;
        Map<String, ProductModification.RepositoryChange> plan = ProductModification.plan(action, product, member,
                mine, others);
        Map<String, ArtifactStore.StoredRepository> stored = new java.util.HashMap<>();
        for (ProductRepository r : product.repositories()) {
            stored.put(r.name(), new ArtifactStore.StoredRepository(r.name(), r.handle(), r.url()));
        }
        plan.forEach((repo, c) -> run.change(repo, stored.get(repo), c.add(), c.remove()));
        plan.keySet().forEach(repo -> run.publish(repo, stored.get(repo)));
        int units = plan.values().stream().mapToInt(c -> c.add().size() + c.remove().size()).sum();
        String note = plan.isEmpty() ? (member == (action == ProductModification.Action.ADD)
                ? "nothing to change: the build was " + (member ? "already" : "not") + " in " + product.name()
                : "nothing to change in " + product.name())
                : units + " package(s) " + (action == ProductModification.Action.ADD ? "added to " : "removed from ")
                + plan.size() + " repositories of " + product.name();
        run.finish(note, () -> {
            if (action == ProductModification.Action.ADD) {
                products.addBuild(productId, buildId);
            } else {
                products.removeBuild(productId, buildId);
            }
        });
    }

    /** The product with every repository in the store: the missing ones found or created, each recorded. */
    private Product withRepositories(StoreJobService.JobRun run, Product product) {
        List<ProductRepository> repos = new ArrayList<>();
        for (ProductRepository r : product.repositories()) {
            if (r.created()) {
                repos.add(r);
                continue;
            }
            ArtifactStore.StoredRepository s = findOrCreate(r);
            ProductRepository made = r.createdAs(s.handle(), s.baseUrl());
            run.record(run.job().done("repository:" + r.name()));
            run.saveWith(() -> products.repositoryCreated(r.id(), s.handle(), s.baseUrl()));
            repos.add(made);
        }
        return product.withRepositories(repos);
    }

    /** Another job may create the same repository at the same time: a refused creation looks again. */
    private ArtifactStore.StoredRepository findOrCreate(ProductRepository r) {
        Optional<ArtifactStore.StoredRepository> found = store.findRepository(r.spec());
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return store.createRepository(r.spec());
        } catch (ArtifactStoreException e) {
            return store.findRepository(r.spec()).orElseThrow(() -> e);
        }
    }

    @Override
    public void failed(StoreJob job, String reason, Instant now) {
        if (kind == StoreJobKind.ADD_TO_PRODUCT && job.steps().keySet().stream().anyMatch(s -> s.startsWith(CHANGE))) {
            products.addBuild(productId(job), job.subject().buildId());
        }
    }
}
