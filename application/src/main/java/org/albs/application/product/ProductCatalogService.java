package org.albs.application.product;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.product.EnsureDistributionProductUseCase;
import org.albs.application.port.in.product.ManageProductsUseCase;
import org.albs.application.port.in.product.NewProductCommand;
import org.albs.application.port.in.product.PlatformRef;
import org.albs.application.port.in.product.ProductPage;
import org.albs.application.port.in.product.ProductView;
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.port.in.team.CreateTeamUseCase;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.Problems;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.application.team.Access;
import org.albs.domain.identity.NewUser;
import org.albs.domain.signing.GenKeyTask;
import org.albs.domain.team.Action;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.platform.Platform;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductPlatform;
import org.albs.domain.product.ProductRepository;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;

/**
 * Upstream's products API on the one product aggregate ({@link ProductService} serves the distribution view and
 * adding/removing builds): the feed and a product's page, creation with the product's team ({@code {name}_team},
 * the owner holding all five roles) and its repositories (recorded here, made in the store by
 * {@link ProductJob}), deletion (the store's repositories removed by a {@code delete_repositories} job) and new
 * platforms. Every change is one transaction: a refused request writes nothing.
 */
public final class ProductCatalogService implements ManageProductsUseCase, EnsureDistributionProductUseCase {
    private final Products products;
    private final Platforms platforms;
    private final Users users;
    private final Teams teams;
    private final CreateTeamUseCase createTeam;
    private final StoreJobs jobs;
    private final GenKeyTasks genKeys;
    private final Access access;
    private final Transactions tx;
    private final Clock clock;

    public ProductCatalogService(Products products, Platforms platforms, Users users, Teams teams,
                                 CreateTeamUseCase createTeam, StoreJobs jobs, GenKeyTasks genKeys, Access access,
                                 Transactions tx, Clock clock) {
        this.genKeys = genKeys;
        this.access = access;
        this.products = products;
        this.platforms = platforms;
        this.users = users;
        this.teams = teams;
        this.createTeam = createTeam;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<ProductView> list(Optional<User> viewer, String search) {
        return tx.inTransaction(() -> {
            Views views = new Views(viewer);
            return products.search(search, 0, 0).stream().map(views::of).toList();
        });
    }

    @Override
    public ProductPage page(Optional<User> viewer, String search, int pageNumber) {
        if (pageNumber < 1) {
            new Problems().add("Input should be greater than 0", "greater_than", "pageNumber").throwIfAny();
        }
        return tx.inTransaction(() -> {
            Views views = new Views(viewer);
            return new ProductPage(products.search(search, (pageNumber - 1) * ProductPage.SIZE, ProductPage.SIZE)
                    .stream().map(views::of).toList(), products.count(search), pageNumber);
        });
    }

    @Override
    public ProductView show(Optional<User> viewer, long id) {
        return tx.inTransaction(() -> new Views(viewer).of(require(id)));
    }

    @Override
    public ProductView create(User actor, NewProductCommand command) {
        if (!actor.superuser() && actor.id().value() != command.ownerId()) {
            throw new PermissionDeniedException("Only a superuser may create a product for another user");
        }
        if (!actor.superuser() && !command.community()) {
            throw new PermissionDeniedException("Only a superuser may create a product that is not a community "
                    + "product: it releases into its platforms' production repositories");
        }
        return tx.inTransaction(() -> {
            Optional<User> owner = users.findById(new UserId(command.ownerId()));
            Problems p = new Problems();
            if (owner.isEmpty()) {
                p.add("User with id " + command.ownerId() + " is not found", "value_error", "owner_id");
            }
            List<ProductPlatform> chosen = resolve(command.platforms(), p, "platforms");
            p.throwIfAny();
            if (products.findByName(command.name()).isPresent()) {
                throw new ConflictException("Product " + command.name() + " already exists");
            }
            Team team = createTeam.found(owner.get().id(), command.name() + "_team", Set.of(RoleKind.values()));
            Product product = products.insert(Product.create(command.name(), command.title(), command.description(),
                    command.community(), owner.get().id(), owner.get().username(), chosen, clock.instant())
                    .withTeam(team.id()));
            if (!product.repositories().isEmpty()) {
                jobs.enqueue(repositoriesJob(product.id()));
            }
            if (product.community()) {
                // a community product signs with a key of its own: a sign node makes it (upstream's GenKeyTask)
                genKeys.insert(keyGeneration(owner.get(), product));
            }
            return new Views(Optional.of(actor)).of(product);
        });
    }

    @Override
    public String remove(User actor, long id) {
        return tx.inTransaction(() -> {
            Product product = require(id);
            access.requireOwnerOrRole(actor, product, Action.DELETE_PRODUCT);
            List<Long> held = products.builds(id);
            if (!held.isEmpty()) {
                throw new ConflictException("Product " + product.name() + " holds " + held.size()
                        + " build(s): remove them from it first");
            }
            List<Long> open = products.openBuilds(id);
            if (!open.isEmpty()) {
                throw new ConflictException("Builds of product " + product.name() + " are still running ("
                        + open.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                        + "): cancel them or wait until they are done");
            }
            if (products.hasRunningJob(id)) {
                throw new ConflictException("A job of product " + product.name()
                        + " is running: try again when it is done");
            }
            Map<String, String> handles = new LinkedHashMap<>();
            for (ProductRepository r : product.repositories()) {
                if (r.created()) {
                    handles.put(r.name(), r.handle());
                }
            }
            if (!handles.isEmpty()) {
                jobs.enqueue(StoreJob.deletion(ProductService.NO_BUILD, handles, clock.instant()));
            }
            products.delete(id);
            if (product.teamId() != null) {
                teams.find(product.teamId()).filter(t -> t.products().isEmpty()
                        && t.name().equals(product.name() + "_team")).ifPresent(t -> teams.delete(t.id()));
            }
            return "Product " + product.name() + " is removed" + (handles.isEmpty() ? ""
                    : "; its " + handles.size() + " repositories are being removed from the artifact store");
        });
    }

    @Override
    public ProductView addPlatforms(User actor, long id, List<PlatformRef> refs) {
        return tx.inTransaction(() -> {
            Product product = require(id);
            access.requireOwnerOrRole(actor, product, Action.UPDATE_PRODUCT);
            Problems p = new Problems();
            for (int i = 0; i < refs.size(); i++) {
                PlatformRef r = refs.get(i);
                if (r == null || r.id() == null && (r.name() == null || r.name().isBlank())) {
                    p.add("A platform needs its name or id", "value_error", i);
                }
            }
            p.throwIfAny();
            List<ProductPlatform> chosen = resolve(refs, p);
            p.throwIfAny();
            List<ProductPlatform> added = chosen.stream().filter(c -> !product.hasPlatform(c.name())).toList();
            if (added.isEmpty()) {
                return new Views(Optional.of(actor)).of(product);
            }
            String ownerName = users.findById(product.owner()).map(User::username).orElseThrow(() ->
                    new ConflictException("The owner of product " + product.name() + " is gone"));
            List<ProductRepository> repos = product.repositoriesFor(ownerName, added);
            Product changed = products.addPlatforms(id, added, repos);
            if (!repos.isEmpty()) {
                jobs.enqueue(repositoriesJob(id));
            }
            return new Views(Optional.of(actor)).of(changed);
        });
    }

    @Override
    public SignNodeUseCase.GenKeyOffer generateKey(User actor, long id) {
        return tx.inTransaction(() -> {
            Product product = require(id);
            if (!product.community()) {
                throw new ConflictException("Product " + product.name() + " is not a community product: it signs"
                        + " with the distribution's keys");
            }
            access.requireOnProduct(actor, product, Action.GEN_KEY);
            User owner = users.findById(product.owner()).orElseThrow(() ->
                    new ConflictException("The owner of product " + product.name() + " is gone"));
            GenKeyTask task = keyGeneration(owner, product);
            return new SignNodeUseCase.GenKeyOffer(genKeys.insert(task), task.userName(), task.userEmail(),
                    task.productName());
        });
    }

    /** The key a community product signs with is its owner's: "{owner}/{product} ALBS community repo <e-mail>". */
    private static GenKeyTask keyGeneration(User owner, Product product) {
        return GenKeyTask.created(owner.username(), owner.email(), product.name(), owner.id());
    }

    @Override
    public long ensureDistribution(DistributionProduct spec) {
        try {
            return tx.inTransaction(() -> ensure(spec));
        } catch (ConflictException | Users.Duplicate e) {
            // another instance made the user, team or product at the same moment: it is there now
            return tx.inTransaction(() -> ensure(spec));
        }
    }

    private long ensure(DistributionProduct spec) {
        User owner = users.findByEmail(spec.ownerEmail()).orElseGet(() -> users.insert(
                new NewUser(spec.owner(), spec.ownerEmail(), null, false, true, false), clock.instant()));
        Problems ignored = new Problems();
        List<ProductPlatform> wanted = resolve(spec.platforms().stream().map(n -> new PlatformRef(null, n))
                .toList(), ignored);
        Optional<Product> found = products.findByName(spec.name());
        if (found.isPresent()) {
            Product product = found.get();
            if (product.community()) {
                throw new IllegalStateException("Product " + spec.name() + " exists and is a community product: it"
                        + " cannot be the distribution's own product");
            }
            List<ProductPlatform> added = wanted.stream().filter(w -> !product.hasPlatform(w.name())).toList();
            if (!added.isEmpty()) {
                products.addPlatforms(product.id(), added, List.of());
            }
            return product.id();
        }
        Team team = teams.all().stream().filter(t -> t.name().equals(spec.team())).findFirst()
                .orElseGet(() -> createTeam.found(owner.id(), spec.team(), Set.of(RoleKind.values())));
        return products.insert(Product.create(spec.name(), spec.name(), null, false, owner.id(), owner.username(),
                wanted, clock.instant()).withTeam(team.id())).id();
    }

    private Product require(long id) {
        return products.find(id).orElseThrow(() -> new NotFoundException("Product with id " + id + " is not found"));
    }

    /** The platforms, each by its name or else its id, once each; an unknown one is a problem at (loc..., i). */
    private List<ProductPlatform> resolve(List<PlatformRef> refs, Problems p, Object... loc) {
        Map<Long, ProductPlatform> chosen = new LinkedHashMap<>();
        List<String> names = refs.stream().filter(r -> r != null && r.name() != null).map(PlatformRef::name)
                .toList();
        Map<String, Platform> byName = new HashMap<>();
        platforms.findByNames(names).forEach(f -> byName.put(f.name(), f));
        for (int i = 0; i < refs.size(); i++) {
            PlatformRef r = refs.get(i);
            if (r == null) {
                continue;
            }
            Optional<Platform> found = r.name() != null ? Optional.ofNullable(byName.get(r.name()))
                    : platforms.findById(r.id());
            if (found.isEmpty()) {
                Object[] at = java.util.Arrays.copyOf(loc, loc.length + 1);
                at[loc.length] = i;
                p.add("Unknown platform '" + (r.name() != null ? r.name() : "id " + r.id()) + "'", "value_error", at);
            } else {
                Platform f = found.get();
                chosen.putIfAbsent(f.id(), new ProductPlatform(f.id(), f.name(), f.archList()));
            }
        }
        return new ArrayList<>(chosen.values());
    }

    private StoreJob repositoriesJob(long productId) {
        return StoreJob.waiting(StoreJobKind.CREATE_PRODUCT_REPOSITORIES,
                StoreJob.Subject.build(ProductService.NO_BUILD), Map.of(ProductJob.PRODUCT_STEP, "done:" + productId),
                clock.instant());
    }

    /** Products as the viewer sees them; users, teams and platforms read once per call. */
    private final class Views {
        private final Optional<User> viewer;
        private final Map<UserId, Optional<User>> owners = new HashMap<>();
        private final Map<Long, Optional<Team>> teamsRead = new HashMap<>();
        private final Map<Long, Optional<Platform>> platformsRead = new HashMap<>();

        Views(Optional<User> viewer) {
            this.viewer = viewer;
        }

        ProductView of(Product p) {
            boolean seesEmail = viewer.map(v -> v.superuser() || v.id().equals(p.owner())).orElse(false);
            UserSummary owner = owners.computeIfAbsent(p.owner(), users::findById)
                    .map(u -> UserSummary.of(u, seesEmail)).orElse(null);
            Team team = p.teamId() == null ? null
                    : teamsRead.computeIfAbsent(p.teamId(), teams::find).orElse(null);
            List<Platform> shown = new ArrayList<>();
            for (ProductPlatform pp : p.platforms()) {
                platformsRead.computeIfAbsent(pp.id(), platforms::findById).ifPresent(shown::add);
            }
            return new ProductView(p, owner, team, shown, products.builds(p.id()));
        }
    }
}
