package org.albs.adapter.out.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.Releases;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.UserId;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleaseStatus;

/**
 * Releases ({@code releases}, the plan as JSONB through {@link ReleasePlanJson}), what they placed where
 * ({@code release_placements}), and what releasing reads of builds, artifacts (their header in {@code meta}, their
 * {@code content_handle} and {@code sign_key_id}), sign keys and production repositories. The package_name filter is
 * JSONB containment of a planned package of that very name (upstream matched a prefix of any "name" in the plan).
 */
@ApplicationScoped
public class SqlReleases implements Releases {
    private static final String COLUMNS = "r.id, r.status, r.build_ids, r.build_task_ids, r.platform_id,"
            + " r.reference_platform_id, r.product_id, r.plan, r.owner_id, r.created_at, r.started_at, r.finished_at";

    private final Jdbc jdbc;

    public SqlReleases(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    private static Release read(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        int code = rs.getInt(2);
        return new Release(id, ReleaseStatus.ofCode(code).orElseThrow(() -> new IllegalStateException(
                "release " + id + " has the unknown status " + code)), longs(rs.getArray(3)),
                longs(rs.getArray(4)), rs.getLong(5), Jdbc.getLong(rs, 6), Jdbc.getLong(rs, 7),
                ReleasePlanJson.read(rs.getString(8)), new UserId(rs.getLong(9)), Jdbc.getInstant(rs, 10),
                Jdbc.getInstant(rs, 11), Jdbc.getInstant(rs, 12));
    }

    private static List<Long> longs(Array array) throws SQLException {
        List<Long> values = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                values.add(((Number) o).longValue());
            }
        }
        return values;
    }

    @Override
    public Release insert(Release r) {
        long id = jdbc.query("""
                INSERT INTO releases (status, build_ids, build_task_ids, platform_id, reference_platform_id,
                                      product_id, plan, owner_id, created_at, started_at, finished_at)
                VALUES (:status, :builds, :tasks, :platform, :reference, :product, CAST(:plan AS jsonb), :owner,
                        :created, :started, :finished) RETURNING id""", new Jdbc.Args()
                .integer("status", r.status().code()).longs("builds", r.buildIds()).longs("tasks", r.buildTaskIds())
                .lng("platform", r.platformId()).lng("reference", r.referencePlatformId())
                .lng("product", r.productId()).str("plan", ReleasePlanJson.write(r.plan()))
                .lng("owner", r.owner().value()).time("created", r.createdAt()).time("started", r.startedAt())
                .time("finished", r.finishedAt()), rs -> rs.getLong(1)).get(0);
        return r.withId(id);
    }

    @Override
    public Optional<Release> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM releases r WHERE r.id = :id", new Jdbc.Args().lng("id", id),
                SqlReleases::read).stream().findFirst();
    }

    @Override
    public Optional<Release> lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM releases r WHERE r.id = :id FOR UPDATE",
                new Jdbc.Args().lng("id", id), SqlReleases::read).stream().findFirst();
    }

    @Override
    public void update(Release r) {
        jdbc.update("""
                UPDATE releases SET status = :status, build_ids = :builds, build_task_ids = :tasks,
                       plan = CAST(:plan AS jsonb), started_at = :started, finished_at = :finished
                 WHERE id = :id""", new Jdbc.Args().integer("status", r.status().code())
                .longs("builds", r.buildIds()).longs("tasks", r.buildTaskIds())
                .str("plan", ReleasePlanJson.write(r.plan())).time("started", r.startedAt())
                .time("finished", r.finishedAt()).lng("id", r.id()));
    }

    @Override
    public void delete(long id) {
        jdbc.update("DELETE FROM releases WHERE id = :id", new Jdbc.Args().lng("id", id));
    }

    /** The filter's WHERE clause, its arguments bound. */
    private static String where(Filter f, Jdbc.Args args) {
        List<String> conditions = new ArrayList<>();
        f.platformId().ifPresent(p -> {
            conditions.add("r.platform_id = :platform");
            args.lng("platform", p);
        });
        f.status().ifPresent(s -> {
            conditions.add("r.status = :status");
            args.integer("status", s.code());
        });
        f.packageName().ifPresent(n -> {
            conditions.add("r.plan -> 'packages' @> CAST(:package AS jsonb)");
            args.str("package", ReleasePlanJson.packageNamed(n));
        });
        f.productId().ifPresent(p -> {
            conditions.add("r.product_id = :product");
            args.lng("product", p);
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public List<Release> page(Filter filter, int offset, int limit) {
        Jdbc.Args args = new Jdbc.Args().integer("offset", offset).integer("limit", limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM releases r" + where(filter, args)
                + " ORDER BY r.id DESC OFFSET :offset LIMIT :limit", args, SqlReleases::read);
    }

    @Override
    public long count(Filter filter) {
        Jdbc.Args args = new Jdbc.Args();
        return jdbc.query("SELECT count(*) FROM releases r" + where(filter, args), args, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public Map<Long, BuildFacts> builds(Collection<Long> buildIds) {
        Map<Long, BuildFacts> facts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT b.id, b.owner_id, b.finished_at IS NOT NULL, b.released, b.release_id,
                       ARRAY(SELECT DISTINCT t.platform_id FROM build_tasks t WHERE t.build_id = b.id)
                  FROM builds b WHERE b.id = ANY (:ids) ORDER BY b.id""", new Jdbc.Args().longs("ids", buildIds),
                rs -> facts.put(rs.getLong(1), new BuildFacts(rs.getLong(1), new UserId(rs.getLong(2)),
                        new LinkedHashSet<>(longs(rs.getArray(6))), rs.getBoolean(3), rs.getBoolean(4),
                        Jdbc.getLong(rs, 5))));
        return facts;
    }

    @Override
    public List<ReleasePackage> packages(Collection<Long> buildIds, Collection<Long> taskIds,
                                         Collection<Long> platformIds) {
        Jdbc.Args args = new Jdbc.Args().longs("builds", buildIds).longs("platforms", platformIds)
                .integer("completed", BuildTaskStatus.COMPLETED.code());
        if (!taskIds.isEmpty()) {
            args.longs("tasks", taskIds);
        }
        return jdbc.query("""
                SELECT a.id, t.build_id, t.id, a.name, t.arch, a.content_handle, a.sha256, a.meta
                  FROM build_tasks t JOIN build_artifacts a ON a.build_task_id = t.id
                 WHERE t.build_id = ANY (:builds) AND t.platform_id = ANY (:platforms) AND t.status = :completed
                   AND a.type = 'rpm' AND a.content_handle IS NOT NULL AND a.meta ->> 'name' IS NOT NULL"""
                + (taskIds.isEmpty() ? "" : " AND t.id = ANY (:tasks)") + " ORDER BY t.build_id, t.id, a.id", args,
                rs -> {
                    StoredContent c = SqlBuildArtifacts.content(rs.getString(6), rs.getString(7),
                            Json.map(rs.getString(8)));
                    PackageMeta m = c.pkg();
                    return new ReleasePackage(rs.getLong(1), rs.getLong(2), rs.getLong(3), m.name(), m.epoch(),
                            m.version(), m.release(), m.arch(), c.sha256(), rs.getString(4), rs.getString(5),
                            m.sourceRpm(), false, rs.getString(6), false);
                });
    }

    @Override
    public Map<Long, ReleaseCommit.Artifact> artifacts(Collection<Long> artifactIds) {
        Map<Long, ReleaseCommit.Artifact> found = new LinkedHashMap<>();
        jdbc.query("SELECT id, content_handle, sign_key_id FROM build_artifacts WHERE id = ANY (:ids) ORDER BY id",
                new Jdbc.Args().longs("ids", artifactIds), rs -> found.put(rs.getLong(1),
                        new ReleaseCommit.Artifact(rs.getString(2), Jdbc.getLong(rs, 3))));
        return found;
    }

    @Override
    public Set<Long> signKeys(Collection<Long> platformIds) {
        return new TreeSet<>(jdbc.query("SELECT DISTINCT sign_key_id FROM platform_sign_keys"
                + " WHERE platform_id = ANY (:platforms)", new Jdbc.Args().longs("platforms", platformIds),
                rs -> rs.getLong(1)));
    }

    @Override
    public List<ProductionRepository> productionRepositories(long platformId) {
        return jdbc.query("""
                SELECT r.id, r.name, r.arch, r.debug, r.url, r.pulp_href, r.store_url
                  FROM platform_repository pr JOIN repositories r ON r.id = pr.repository_id
                 WHERE pr.platform_id = :platform AND r.production ORDER BY r.id""",
                new Jdbc.Args().lng("platform", platformId), rs -> new ProductionRepository(rs.getLong(1),
                        rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)));
    }

    @Override
    public void linkToStore(long repositoryId, String storeHandle, String storeUrl) {
        jdbc.update("UPDATE repositories SET pulp_href = :handle, store_url = :url WHERE id = :id",
                new Jdbc.Args().str("handle", storeHandle).str("url", storeUrl).lng("id", repositoryId));
    }

    @Override
    public Map<String, Set<Long>> presence(long platformId, Collection<String> nevras) {
        Map<String, Set<Long>> found = new LinkedHashMap<>();
        jdbc.query("""
                SELECT DISTINCT p.nevra, p.repository_id
                  FROM platform_repository pr JOIN repositories r ON r.id = pr.repository_id AND r.production
                  JOIN release_placements p ON p.repository_id = r.id AND p.nevra = ANY (:nevras)
                 WHERE pr.platform_id = :platform""", new Jdbc.Args().lng("platform", platformId)
                .texts("nevras", nevras), rs -> found.computeIfAbsent(rs.getString(1), n -> new TreeSet<>())
                .add(rs.getLong(2)));
        return found;
    }

    /** Where releases put several contents of one NEVRA into a repository, the last one recorded is there now. */
    @Override
    public Map<Long, Map<String, String>> contents(Collection<Long> repositoryIds, Collection<String> nevras) {
        Map<Long, Map<String, String>> found = new LinkedHashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (p.repository_id, p.nevra) p.repository_id, p.nevra, p.content_handle
                  FROM release_placements p WHERE p.repository_id = ANY (:repos) AND p.nevra = ANY (:nevras)
                 ORDER BY p.repository_id, p.nevra, p.id DESC""", new Jdbc.Args().longs("repos", repositoryIds)
                .texts("nevras", nevras), rs -> found.computeIfAbsent(rs.getLong(1), r -> new LinkedHashMap<>())
                .put(rs.getString(2), rs.getString(3)));
        return found;
    }

    @Override
    public void recordPlacements(long releaseId, List<ReleaseCommit.Placement> placements) {
        if (placements.isEmpty()) {
            return;
        }
        List<Long> repos = new ArrayList<>();
        List<Long> artifacts = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        List<String> nevras = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ReleaseCommit.Placement p : placements) {
            repos.add(p.repositoryId());
            artifacts.add(p.artifactId());
            handles.add(p.contentHandle());
            nevras.add(p.nevra());
            names.add(p.fullName());
        }
        // in the order given, so placements() lists them as recorded
        jdbc.update("""
                INSERT INTO release_placements (release_id, repository_id, artifact_id, content_handle, nevra,
                                                full_name)
                SELECT :release, u.repo, u.artifact, u.handle, u.nevra, u.name
                  FROM unnest(:repos, :artifacts, :handles, :nevras, :names)
                       WITH ORDINALITY AS u (repo, artifact, handle, nevra, name, n)
                 ORDER BY u.n
                ON CONFLICT (release_id, repository_id, content_handle) DO NOTHING""", new Jdbc.Args()
                .lng("release", releaseId).longs("repos", repos).longs("artifacts", artifacts)
                .texts("handles", handles).texts("nevras", nevras).texts("names", names));
    }

    @Override
    public List<ReleaseCommit.Placement> placements(long releaseId) {
        return jdbc.query("""
                SELECT repository_id, artifact_id, content_handle, nevra, full_name FROM release_placements
                 WHERE release_id = :release ORDER BY id""", new Jdbc.Args().lng("release", releaseId),
                rs -> new ReleaseCommit.Placement(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
    }

    @Override
    public void removePlacements(long releaseId, long repositoryId) {
        jdbc.update("DELETE FROM release_placements WHERE release_id = :release AND repository_id = :repo",
                new Jdbc.Args().lng("release", releaseId).lng("repo", repositoryId));
    }

    /** It locks the builds' rows: call it last in a transaction, as every transaction locks builds last. */
    @Override
    public void markReleased(Collection<Long> buildIds, Long releaseId) {
        jdbc.update("UPDATE builds SET release_id = :release, released = :released WHERE id = ANY (:ids)",
                new Jdbc.Args().lng("release", releaseId).bool("released", releaseId != null)
                        .longs("ids", buildIds));
    }
}
