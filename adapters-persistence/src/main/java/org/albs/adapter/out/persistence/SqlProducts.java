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
    private static final String PRODUCT_COLUMNS = "id, name, title, description, owner_id, is_community, created_at";
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
                       java.time.Instant createdAt) {
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
            long id = jdbc.query("INSERT INTO products (name, title, description, owner_id, is_community, created_at)"
                            + " VALUES (:name, :title, :description, :owner, :community, :created) RETURNING id",
                    new Jdbc.Args().str("name", product.name()).str("title", product.title())
                            .str("description", product.description()).lng("owner", product.owner().value())
                            .bool("community", product.community()).time("created", product.createdAt()),
                    rs -> rs.getLong(1)).get(0);
            List<Jdbc.Statement> links = new ArrayList<>();
            for (ProductPlatform p : product.platforms()) {
                links.add(new Jdbc.Statement("INSERT INTO product_platforms (product_id, platform_id)"
                        + " VALUES (:product, :platform)", new Jdbc.Args().lng("product", id).lng("platform", p.id())));
            }
            if (!links.isEmpty()) {
                jdbc.run(links);
            }
            List<ProductRepository> repos = new ArrayList<>();
            for (ProductRepository r : product.repositories()) {
                long repoId = jdbc.query("""
                        WITH r AS (INSERT INTO repositories (name, arch, url, type, debug, production, owner_id,
                                                             platform_id)
                                   VALUES (:name, :arch, :url, 'rpm', :debug, TRUE, :owner, :platform) RETURNING id)
                        INSERT INTO product_repositories (product_id, repository_id) SELECT :product, id FROM r
                        RETURNING repository_id""", new Jdbc.Args().str("name", r.name()).str("arch", r.arch())
                        .str("url", r.url()).bool("debug", r.debug()).lng("owner", product.owner().value())
                        .lng("platform", r.platformId()).lng("product", id), rs -> rs.getLong(1)).get(0);
                repos.add(new ProductRepository(repoId, r.name(), r.platformId(), r.platformName(), r.arch(),
                        r.debug(), r.handle(), r.url()));
            }
            return product.withId(id).withRepositories(repos);
        } catch (Jdbc.DatabaseException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("Distribution " + product.name() + " already exists");
            }
            throw e;
        }
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
                        rs.getBoolean(6), Jdbc.getInstant(rs, 7)));
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
                repos.getOrDefault(r.id(), List.of()))).toList();
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
