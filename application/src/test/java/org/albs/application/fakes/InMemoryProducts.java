package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.albs.application.port.out.Products;
import org.albs.domain.ConflictException;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.platform.Repository;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductPackage;
import org.albs.domain.product.ProductRepository;

/**
 * Products in memory: their repositories are rows of the in-memory repositories (production), which builds are in
 * them lives in the {@link BuildStore} (the builds' fake reads it to refuse deletions), packages are read from the
 * build store's tasks, artifacts and contents.
 */
public final class InMemoryProducts implements Products {
    private final BuildStore store;
    private final InMemoryRepositories repositories;
    private final TreeMap<Long, Product> rows = new TreeMap<>();
    private long nextId = 1;

    public InMemoryProducts(BuildStore store, InMemoryRepositories repositories) {
        this.store = store;
        this.repositories = repositories;
    }

    @Override
    public Product insert(Product product) {
        store.tx.requireActive("Products.insert");
        if (findByName(product.name()).isPresent()) {
            throw new ConflictException("Distribution " + product.name() + " already exists");
        }
        for (ProductRepository r : product.repositories()) {
            if (repositories.list(Integer.MAX_VALUE, 0).stream().anyMatch(x -> x.name().equals(r.name()))) {
                throw new ConflictException("A repository named " + r.name() + " exists");
            }
        }
        List<ProductRepository> stored = new ArrayList<>();
        for (ProductRepository r : product.repositories()) {
            Repository row = repositories.upsert(new Repository(null, r.name(), r.arch(), r.url(), "rpm", r.debug(),
                    10, true, false, null, null, r.platformId()));
            stored.add(new ProductRepository(row.id(), r.name(), r.platformId(), r.platformName(), r.arch(),
                    r.debug(), null, r.url()));
        }
        Product saved = product.withId(nextId++).withRepositories(stored);
        rows.put(saved.id(), saved);
        store.productNames.put(saved.id(), saved.name());
        store.productBuilds.put(saved.id(), new LinkedHashSet<>());
        return saved;
    }

    @Override
    public Optional<Product> find(long id) {
        return Optional.ofNullable(rows.get(id)).map(this::withStoredRepositories);
    }

    @Override
    public Optional<Product> findByName(String name) {
        return rows.values().stream().filter(p -> p.name().equals(name)).findFirst().map(this::withStoredRepositories);
    }

    @Override
    public List<Product> list() {
        return rows.values().stream().map(this::withStoredRepositories).toList();
    }

    @Override
    public List<Product> search(String search, int offset, int limit) {
        String needle = search == null ? "" : search.toLowerCase(java.util.Locale.ROOT);
        List<Product> found = rows.descendingMap().values().stream().filter(p -> needle.isEmpty()
                || p.name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || p.title() != null && p.title().toLowerCase(java.util.Locale.ROOT).contains(needle))
                .map(this::withStoredRepositories).skip(offset).toList();
        return limit == 0 ? found : found.stream().limit(limit).toList();
    }

    @Override
    public long count(String search) {
        return search(search, 0, 0).size();
    }

    @Override
    public void setTeam(long productId, long teamId) {
        store.tx.requireActive("Products.setTeam");
        rows.computeIfPresent(productId, (k, p) -> p.withTeam(teamId));
    }

    @Override
    public List<Long> builds(long productId) {
        return List.copyOf(store.productBuilds.getOrDefault(productId, Set.of()));
    }

    @Override
    public Product addPlatforms(long productId, List<org.albs.domain.product.ProductPlatform> platforms,
                                List<ProductRepository> added) {
        store.tx.requireActive("Products.addPlatforms");
        Product p = rows.get(productId);
        List<ProductRepository> stored = new ArrayList<>(p.repositories());
        for (ProductRepository r : added) {
            Repository row = repositories.upsert(new Repository(null, r.name(), r.arch(), r.url(), "rpm", r.debug(),
                    10, true, false, null, null, r.platformId()));
            stored.add(new ProductRepository(row.id(), r.name(), r.platformId(), r.platformName(), r.arch(),
                    r.debug(), null, r.url()));
        }
        List<org.albs.domain.product.ProductPlatform> all = new ArrayList<>(p.platforms());
        all.addAll(platforms);
        Product saved = new Product(p.id(), p.name(), p.title(), p.description(), p.owner(), p.community(),
                p.createdAt(), all, stored, p.teamId());
        rows.put(productId, saved);
        return withStoredRepositories(saved);
    }

    @Override
    public boolean delete(long productId) {
        store.tx.requireActive("Products.delete");
        store.productNames.remove(productId);
        store.productBuilds.remove(productId);
        return rows.remove(productId) != null;
    }

    @Override
    public boolean hasRunningJob(long productId) {
        return false;
    }

    @Override
    public List<Long> openBuilds(long productId) {
        return store.builds.values().stream().filter(b -> Long.valueOf(productId).equals(b.productId)
                && b.openTasks > 0).map(b -> b.id).sorted().limit(10).toList();
    }

    private Product withStoredRepositories(Product p) {
        return p.withRepositories(p.repositories().stream().map(r -> {
            Repository row = repositories.findById(r.id()).orElseThrow();
            return row.pulpHref() == null ? r : r.createdAs(row.pulpHref(), row.url());
        }).toList());
    }

    @Override
    public void repositoryCreated(long repositoryId, String handle, String url) {
        store.tx.requireActive("Products.repositoryCreated");
        Repository r = repositories.findById(repositoryId).orElseThrow();
        repositories.upsert(new Repository(r.id(), r.name(), r.arch(), url, r.type(), r.debug(), r.priority(),
                r.production(), r.mockEnabled(), handle, r.exportPath(), r.platformId()));
    }

    @Override
    public boolean contains(long productId, long buildId) {
        return store.productBuilds.getOrDefault(productId, Set.of()).contains(buildId);
    }

    @Override
    public void addBuild(long productId, long buildId) {
        store.tx.requireActive("Products.addBuild");
        if (store.builds.containsKey(buildId) && store.productBuilds.containsKey(productId)) {
            store.productBuilds.get(productId).add(buildId);
        }
    }

    @Override
    public void removeBuild(long productId, long buildId) {
        store.tx.requireActive("Products.removeBuild");
        store.productBuilds.getOrDefault(productId, new LinkedHashSet<>()).remove(buildId);
    }

    @Override
    public List<String> platformsOf(long buildId) {
        return store.tasksOf(buildId).stream().map(t -> store.platforms.findById(t.platformId()).orElseThrow().name())
                .distinct().toList();
    }

    @Override
    public List<ProductPackage> packages(long buildId) {
        List<ProductPackage> found = new ArrayList<>();
        for (BuildTask t : store.tasksOf(buildId)) {
            String platform = store.platforms.findById(t.platformId()).orElseThrow().name();
            store.artifacts.stream().filter(a -> a.taskId() == t.id() && a.type().equals("rpm")).forEach(a -> {
                var content = store.contents.get(a.id());
                found.add(new ProductPackage(platform, t.refId(), t.arch(), t.status() == BuildTaskStatus.COMPLETED,
                        a.name(), content == null || content.pkg() == null ? null : content.pkg().arch(),
                        content == null ? null : content.handle()));
            });
        }
        return found;
    }

    @Override
    public List<ProductPackage> packagesOfOtherBuilds(long productId, long buildId) {
        List<ProductPackage> found = new ArrayList<>();
        for (long other : store.productBuilds.getOrDefault(productId, Set.of())) {
            if (other != buildId) {
                found.addAll(packages(other));
            }
        }
        return found;
    }
}
