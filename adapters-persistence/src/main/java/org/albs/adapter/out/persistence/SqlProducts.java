package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.Products;
import org.albs.domain.ConflictException;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.UserId;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductPackage;
import org.albs.domain.product.ProductPlatform;
import org.albs.domain.product.ProductRepository;

/**
 * Products in {@code products}, {@code product_platforms}, {@code product_repositories} (rows of
 * {@code repositories}, production, {@code pulp_href} the store's handle once it has them) and
 * {@code product_builds}. A product's packages are read from the builds' tasks and artifacts, as the import and
 * signing recorded them.
 */
@ApplicationScoped
public class SqlProducts implements Products {
    private static final String PRODUCT_COLUMNS = "id, name, title, description, owner_id, is_community, created_at, team_id";
    private static final String PACKAGES = """
            SELECT p.name, t.ref_id, t.arch, t.status, a.name, a.meta ->> 'arch', a.content_handle
              FROM build_tasks t JOIN build_artifacts a ON a.build_task_id = t.id
              JOIN platforms p ON p.id = t.platform_id
             WHERE a.type = 'rpm' AND""";

    private final Jdbc jdbc;

    public SqlProducts(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    private record Row(long id, String name, String title, String description, long owner, boolean community,
                       java.time.Instant createdAt, Long team) {
    }

    @Override
    public Product insert(Product product) {
        List<String> names = product.repositories().stream().map(ProductRepository::name).toList();
        List<String> taken = jdbc.query("SELECT name FROM repositories WHERE name = ANY (:names) ORDER BY name",
                new Jdbc.Args().texts("names", names), rs -> rs.getString(1));
        if (!taken.isEmpty()) {
            throw new ConflictException("Distribution " + product.name() + " cannot be created: the repository "
                    + taken.get(0) + " exists");
        }
        try {
            long id = jdbc.query("INSERT INTO products (name, title, description, owner_id, is_community, created_at,"
                            + " team_id) VALUES (:name, :title, :description, :owner, :community, :created, :team)"
                            + " RETURNING id",
                    new Jdbc.Args().str("name", product.name()).str("title", product.title())
                            .str("description", product.description()).lng("owner", product.owner().value())
                            .bool("community", product.community()).time("created", product.createdAt())
                            .lng("team", product.teamId()),
                    rs -> rs.getLong(1)).get(0);
            return product.withId(id).withRepositories(link(id, product.owner().value(), product.platforms(),
                    product.repositories()));
        } catch (Jdbc.DatabaseException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("Distribution " + product.name() + " already exists");
            }
            throw e;
        }
    }

    /** Links the platforms to the product and inserts its repositories; returns them with their ids. */
    private List<ProductRepository> link(long id, long owner, List<ProductPlatform> platforms,
                                         List<ProductRepository> repositories) {
        List<Jdbc.Statement> links = new ArrayList<>();
        for (ProductPlatform p : platforms) {
            links.add(new Jdbc.Statement("INSERT INTO product_platforms (product_id, platform_id)"
                    + " VALUES (:product, :platform)", new Jdbc.Args().lng("product", id).lng("platform", p.id())));
        }
        if (!links.isEmpty()) {
            jdbc.run(links);
        }
        List<ProductRepository> repos = new ArrayList<>();
        for (ProductRepository r : repositories) {
            long repoId = jdbc.query("""
                    WITH r AS (INSERT INTO repositories (name, arch, url, type, debug, production, owner_id,
                                                         platform_id)
                               VALUES (:name, :arch, :url, 'rpm', :debug, TRUE, :owner, :platform) RETURNING id)
                    INSERT INTO product_repositories (product_id, repository_id) SELECT :product, id FROM r
                    RETURNING repository_id""", new Jdbc.Args().str("name", r.name()).str("arch", r.arch())
                    .str("url", r.url()).bool("debug", r.debug()).lng("owner", owner)
                    .lng("platform", r.platformId()).lng("product", id), rs -> rs.getLong(1)).get(0);
            repos.add(new ProductRepository(repoId, r.name(), r.platformId(), r.platformName(), r.arch(),
                    r.debug(), r.handle(), r.url()));
        }
        return repos;
    }

    private void requireFreeNames(String product, List<ProductRepository> repositories) {
        List<String> names = repositories.stream().map(ProductRepository::name).toList();
        List<String> taken = jdbc.query("SELECT name FROM repositories WHERE name = ANY (:names) ORDER BY name",
                new Jdbc.Args().texts("names", names), rs -> rs.getString(1));
        if (!taken.isEmpty()) {
            throw new ConflictException("Product " + product + " cannot have the repository " + taken.get(0)
                    + ": a repository of that name exists");
        }
    }

    @Override
    public List<Product> search(String search, int offset, int limit) {
        Jdbc.Args args = searchArgs(search).lng("offset", (long) offset);
        if (limit != 0) {
            args.lng("limit", (long) limit);
        }
        List<Long> ids = jdbc.query("SELECT id FROM products WHERE " + SEARCH + " ORDER BY id DESC OFFSET :offset"
                + (limit == 0 ? "" : " LIMIT :limit"), args, rs -> rs.getLong(1));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Product> found = new ArrayList<>(load("id = ANY (:ids)", new Jdbc.Args().longs("ids", ids)));
        found.sort(java.util.Comparator.comparing(Product::id).reversed());
        return found;
    }

    @Override
    public long count(String search) {
        return jdbc.query("SELECT count(*) FROM products WHERE " + SEARCH, searchArgs(search),
                rs -> rs.getLong(1)).get(0);
    }

    private static final String SEARCH = "(CAST(:search AS TEXT) IS NULL OR strpos(lower(name), :search) > 0"
            + " OR strpos(lower(coalesce(title, '')), :search) > 0)";

    private static Jdbc.Args searchArgs(String search) {
        return new Jdbc.Args().str("search", search == null || search.isEmpty() ? null
                : search.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void setTeam(long productId, long teamId) {
        jdbc.update("UPDATE products SET team_id = :team WHERE id = :id",
                new Jdbc.Args().lng("team", teamId).lng("id", productId));
    }

    @Override
    public List<Long> builds(long productId) {
        return jdbc.query("SELECT build_id FROM product_builds WHERE product_id = :id ORDER BY build_id",
                new Jdbc.Args().lng("id", productId), rs -> rs.getLong(1));
    }

    @Override
    public Product addPlatforms(long productId, List<ProductPlatform> platforms,
                                List<ProductRepository> repositories) {
        Product product = find(productId).orElseThrow();
        requireFreeNames(product.name(), repositories);
        link(productId, product.owner().value(), platforms, repositories);
        return find(productId).orElseThrow();
    }

    @Override
    public boolean delete(long productId) {
        List<Long> repos = jdbc.query("SELECT repository_id FROM product_repositories WHERE product_id = :id",
                new Jdbc.Args().lng("id", productId), rs -> rs.getLong(1));
        int deleted = jdbc.update("DELETE FROM products WHERE id = :id", new Jdbc.Args().lng("id", productId));
        if (!repos.isEmpty()) {
            jdbc.update("DELETE FROM repositories WHERE id = ANY (:ids)", new Jdbc.Args().longs("ids", repos));
        }
        return deleted > 0;
    }

    @Override
    public boolean hasRunningJob(long productId) {
        return !jdbc.query("""
                SELECT 1 FROM store_jobs WHERE kind IN ('CREATE_PRODUCT_REPOSITORIES', 'ADD_TO_PRODUCT',
                       'REMOVE_FROM_PRODUCT') AND status = 1 AND steps ->> 'product' = :step LIMIT 1""",
                new Jdbc.Args().str("step", "done:" + productId), rs -> 1).isEmpty();
    }

    @Override
    public List<Long> openBuilds(long productId) {
        return jdbc.query("SELECT id FROM builds WHERE product_id = :product AND open_tasks > 0 ORDER BY id LIMIT 10",
                new Jdbc.Args().lng("product", productId), rs -> rs.getLong(1));
    }

    @Override
    public Optional<Product> find(long id) {
        return load("id = :id", new Jdbc.Args().lng("id", id)).stream().findFirst();
    }

    @Override
    public Optional<Product> findByName(String name) {
        return load("name = :name", new Jdbc.Args().str("name", name)).stream().findFirst();
    }

    @Override
    public List<Product> list() {
        return load("TRUE", new Jdbc.Args());
    }

    private List<Product> load(String where, Jdbc.Args args) {
        List<Row> rows = jdbc.query("SELECT " + PRODUCT_COLUMNS + " FROM products WHERE " + where + " ORDER BY id",
                args, rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getBoolean(6), Jdbc.getInstant(rs, 7), (Long) rs.getObject(8)));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<ProductPlatform>> platforms = new LinkedHashMap<>();
        jdbc.query("""
                SELECT pp.product_id, p.id, p.name, p.arch_list FROM product_platforms pp
                  JOIN platforms p ON p.id = pp.platform_id WHERE pp.product_id = ANY (:ids) ORDER BY p.id""",
                new Jdbc.Args().longs("ids", ids), rs -> platforms.computeIfAbsent(rs.getLong(1),
                        k -> new ArrayList<>()).add(new ProductPlatform(rs.getLong(2), rs.getString(3),
                        Json.strings(rs.getString(4)))));
        Map<Long, List<ProductRepository>> repos = new LinkedHashMap<>();
        jdbc.query("""
                SELECT pr.product_id, r.id, r.name, r.platform_id, p.name, r.arch, r.debug, r.pulp_href, r.url
                  FROM product_repositories pr JOIN repositories r ON r.id = pr.repository_id
                  JOIN platforms p ON p.id = r.platform_id
                 WHERE pr.product_id = ANY (:ids) ORDER BY r.id""", new Jdbc.Args().longs("ids", ids),
                rs -> repos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ProductRepository(
                        rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7), rs.getString(8), rs.getString(9))));
        return rows.stream().map(r -> new Product(r.id(), r.name(), r.title(), r.description(), new UserId(r.owner()),
                r.community(), r.createdAt(), platforms.getOrDefault(r.id(), List.of()),
                repos.getOrDefault(r.id(), List.of()), r.team())).toList();
    }

    @Override
    public void repositoryCreated(long repositoryId, String handle, String url) {
        jdbc.update("UPDATE repositories SET pulp_href = :handle, url = :url WHERE id = :id",
                new Jdbc.Args().str("handle", handle).str("url", url).lng("id", repositoryId));
    }

    @Override
    public boolean contains(long productId, long buildId) {
        return !jdbc.query("SELECT 1 FROM product_builds WHERE product_id = :product AND build_id = :build",
                new Jdbc.Args().lng("product", productId).lng("build", buildId), rs -> 1).isEmpty();
    }

    @Override
    public void addBuild(long productId, long buildId) {
        jdbc.update("""
                INSERT INTO product_builds (product_id, build_id)
                SELECT :product, :build WHERE EXISTS (SELECT 1 FROM builds WHERE id = :build)
                   AND EXISTS (SELECT 1 FROM products WHERE id = :product)
                ON CONFLICT DO NOTHING""", new Jdbc.Args().lng("product", productId).lng("build", buildId));
    }

    @Override
    public void removeBuild(long productId, long buildId) {
        jdbc.update("DELETE FROM product_builds WHERE product_id = :product AND build_id = :build",
                new Jdbc.Args().lng("product", productId).lng("build", buildId));
    }

    @Override
    public List<String> platformsOf(long buildId) {
        return jdbc.query("""
                SELECT DISTINCT p.name FROM build_tasks t JOIN platforms p ON p.id = t.platform_id
                 WHERE t.build_id = :build ORDER BY p.name""", new Jdbc.Args().lng("build", buildId),
                rs -> rs.getString(1));
    }

    @Override
    public List<ProductPackage> packages(long buildId) {
        return jdbc.query(PACKAGES + " t.build_id = :build ORDER BY t.id, a.id",
                new Jdbc.Args().lng("build", buildId), SqlProducts::pkg);
    }

    @Override
    public List<ProductPackage> packagesOfOtherBuilds(long productId, long buildId) {
        return jdbc.query(PACKAGES + " " + """
                 t.build_id IN (SELECT build_id FROM product_builds WHERE product_id = :product
                                   AND build_id <> :build) ORDER BY t.id, a.id""",
                new Jdbc.Args().lng("product", productId).lng("build", buildId), SqlProducts::pkg);
    }

    private static ProductPackage pkg(ResultSet rs) throws SQLException {
        return new ProductPackage(rs.getString(1), rs.getLong(2), rs.getString(3),
                BuildTaskStatus.ofCode(rs.getInt(4)) == BuildTaskStatus.COMPLETED, rs.getString(5), rs.getString(6),
                rs.getString(7));
    }
}
