package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.albs.application.port.in.builds.BuildFilter;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.out.BuildQueries;
import org.albs.domain.artifacts.StoreJobStatus;

/**
 * The build feed. A page is chosen on {@code builds} alone (filters are EXISTS probes, never a join-then-DISTINCT
 * over tasks and artifacts as upstream did), then the page's ten builds are loaded with a handful of IN queries.
 */
@ApplicationScoped
public class SqlBuildQueries implements BuildQueries {
    private final Jdbc jdbc;

    public SqlBuildQueries(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public Page page(BuildFilter filter, int offset, int limit) {
        if (filter.project() != null || filter.rpmName() != null) {
            // these builds come from an index, collected once (ARRAY, see where()) and so bounded by the project's
            // or the package's builds: the page and the total from one pass over them (two passes cost 2 x 14 ms for
            // a package of 300 builds, 2 x 25 ms for a project of 3,000, at 1,000,000 builds)
            Jdbc.Args args = new Jdbc.Args().integer("offset", offset).integer("limit", limit);
            return jdbc.query("WITH m AS MATERIALIZED (SELECT b.id FROM builds b" + where(filter, args) + ")"
                    + " SELECT (SELECT count(*) FROM m),"
                    + " ARRAY(SELECT id FROM m ORDER BY id DESC OFFSET :offset LIMIT :limit)", args,
                    rs -> new Page(List.of((Long[]) rs.getArray(2).getArray()), rs.getLong(1))).get(0);
        }
        Jdbc.Args args = new Jdbc.Args().integer("offset", offset).integer("limit", limit);
        List<Long> ids = jdbc.query("SELECT b.id FROM builds b" + where(filter, args) + " ORDER BY b.id DESC"
                + " OFFSET :offset LIMIT :limit", args, rs -> rs.getLong(1));
        return new Page(ids, count(filter));
    }

    private long count(BuildFilter filter) {
        if (byCountedKeys(filter)) {
            // kept exact by triggers per (owner, signed, released) (R__build_count.sql): the whole feed and these
            // filters need no scan of the matching builds (of 1,000,000: 301,134 signed took 156 ms, 100,561
            // released 41 ms, an owner's 36,630 19 ms; EXPLAIN ANALYZE, bench/seed_builds.sql)
            Jdbc.Args args = new Jdbc.Args();
            List<String> keys = new ArrayList<>();
            if (filter.createdBy() != null) {
                keys.add("owner_id = :created_by");
                args.lng("created_by", filter.createdBy());
            }
            if (filter.signed() != null) {
                keys.add("signed = :signed");
                args.bool("signed", filter.signed());
            }
            if (filter.released() != null) {
                keys.add("released = :released");
                args.bool("released", filter.released());
            }
            return jdbc.query("SELECT COALESCE(sum(delta), 0) FROM build_count"
                    + (keys.isEmpty() ? "" : " WHERE " + String.join(" AND ", keys)), args, rs -> rs.getLong(1)).get(0);
        }
        Jdbc.Args args = new Jdbc.Args();
        return jdbc.query("SELECT count(*) FROM builds b" + where(filter, args), args, rs -> rs.getLong(1)).get(0);
    }

    /** Whether the filter uses no more than the keys of build_count: owner, signed, released. */
    private static boolean byCountedKeys(BuildFilter f) {
        return f.equals(new BuildFilter(f.createdBy(), null, null, null, null, null, null, null, null, null, null,
                f.released(), f.signed()));
    }

    private static String where(BuildFilter f, Jdbc.Args args) {
        List<String> clauses = new ArrayList<>();
        if (f.createdBy() != null) {
            clauses.add("b.owner_id = :created_by");
            args.lng("created_by", f.createdBy());
        }
        if (f.project() != null) {
            // the refs of that project come from the trigram index build_task_refs_url_trgm_idx (V24), collected once
            // (ARRAY) as for rpm_name: as a semi-join the newest-first page probed builds one by one until ten
            // matched, all of them for a project of few builds, and the count read every ref
            clauses.add("b.id = ANY (ARRAY(SELECT r.build_id FROM build_task_refs r"
                    + " WHERE r.url LIKE :project ESCAPE '\\'))");
            args.str("project", "%/" + like(f.project()) + "%");
        }
        if (f.ref() != null) {
            clauses.add("EXISTS (SELECT 1 FROM build_task_refs r WHERE r.build_id = b.id"
                    + " AND (r.url LIKE :ref ESCAPE '\\' OR r.git_ref LIKE :ref ESCAPE '\\'))");
            args.str("ref", "%" + like(f.ref()) + "%");
        }
        if (f.platformId() != null) {
            // build_platform_arches (written once per build): the hot build_tasks needs no index for this filter
            clauses.add("EXISTS (SELECT 1 FROM build_platform_arches x WHERE x.build_id = b.id"
                    + " AND x.platform_id = :platform)");
            args.lng("platform", f.platformId());
        }
        if (f.buildTaskArch() != null) {
            clauses.add("EXISTS (SELECT 1 FROM build_platform_arches x WHERE x.build_id = b.id AND x.arch = :arch)");
            args.str("arch", f.buildTaskArch());
        }
        if (f.isRunning() != null) {
            clauses.add(f.isRunning() ? "b.finished_at IS NULL" : "b.finished_at IS NOT NULL");
        }
        if (f.byPackage()) {
            // a package the build made, by the header read at import. With rpm_name the builds come from the
            // expression index build_artifacts_rpm_name_idx, collected once (ARRAY): as a semi-join the planner
            // walks every build newest first for the page's LIMIT, probing each one's tasks (30,000 seeded builds:
            // 88 ms for a name of one build, against 0.2 ms this way; EXPLAIN ANALYZE, bench/seed_builds.sql)
            List<String> pkg = new ArrayList<>();
            pkg.add("a.type = 'rpm'");
            header(pkg, args, "name", f.rpmName());
            header(pkg, args, "epoch", f.rpmEpoch());
            header(pkg, args, "version", f.rpmVersion());
            header(pkg, args, "release", f.rpmRelease());
            header(pkg, args, "arch", f.rpmArch());
            String builds = "SELECT t.build_id FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id"
                    + " WHERE " + String.join(" AND ", pkg);
            clauses.add(f.rpmName() != null ? "b.id = ANY (ARRAY(" + builds + "))" : "b.id IN (" + builds + ")");
        }
        if (f.released() != null) {
            clauses.add(f.released() ? "b.released" : "NOT b.released");
        }
        if (f.signed() != null) {
            clauses.add(f.signed() ? "b.signed" : "NOT b.signed");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static void header(List<String> clauses, Jdbc.Args args, String field, String value) {
        if (value != null) {
            clauses.add("a.meta ->> '" + field + "' = :rpm_" + field);
            args.str("rpm_" + field, value);
        }
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<BuildView> views(List<Long> ids, boolean withHistory) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // Plain JDBC: this runs for every page of the feed, and Hibernate's native-query result mapping costs more
        // than the queries themselves.
        Map<Long, List<Long>> linked = new HashMap<>();
        Jdbc.Args builds = new Jdbc.Args().longs("ids", ids);
        jdbc.query("SELECT build_id, build_dependency FROM build_dependency WHERE build_id = ANY (:ids)"
                + " ORDER BY build_dependency", builds, rs -> linked.computeIfAbsent(rs.getLong(1),
                k -> new ArrayList<>()).add(rs.getLong(2)));
        Map<Long, List<Object>> signTasks = new HashMap<>();
        jdbc.query("""
                SELECT s.build_id, s.id, s.started_at, s.finished_at, s.status FROM sign_tasks s
                 WHERE s.build_id = ANY (:ids) ORDER BY s.id""", builds, rs -> signTasks.computeIfAbsent(
                rs.getLong(1), k -> new ArrayList<>()).add(new BuildView.SignTaskSummary(rs.getLong(2), time(rs, 3),
                time(rs, 4), rs.getInt(5), null)));
        Map<Long, List<Object>> flavours = new HashMap<>();
        jdbc.query("""
                SELECT bf.build_id, f.id, f.name FROM build_platform_flavour bf
                  JOIN platform_flavours f ON f.id = bf.flavour_id
                 WHERE bf.build_id = ANY (:ids) ORDER BY f.id""", builds, rs -> flavours.computeIfAbsent(
                rs.getLong(1), k -> new ArrayList<>()).add(new BuildView.Flavour(rs.getLong(2), rs.getString(3))));
        Map<Long, List<Object>> products = new HashMap<>();
        jdbc.query("""
                SELECT pb.build_id, p.id, p.name, p.title, p.is_community FROM product_builds pb
                  JOIN products p ON p.id = pb.product_id
                 WHERE pb.build_id = ANY (:ids) ORDER BY p.id""", builds, rs -> products.computeIfAbsent(
                rs.getLong(1), k -> new ArrayList<>()).add(new BuildView.ProductSummary(rs.getLong(2),
                rs.getString(3), rs.getString(4), rs.getBoolean(5))));
        Map<Long, List<BuildView.Artifact>> artifacts = new HashMap<>();
        jdbc.query("""
                SELECT a.id, a.build_task_id, a.name, a.type, a.href, a.sha256, a.cas_hash, a.meta, a.sign_key_id
                  FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id
                 WHERE t.build_id = ANY (:ids) ORDER BY a.id""", builds, rs -> artifacts.computeIfAbsent(
                rs.getLong(2), k -> new ArrayList<>()).add(new BuildView.Artifact(rs.getLong(1), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Json.map(rs.getString(8)),
                Jdbc.getLong(rs, 9))));
        Map<Long, List<BuildView.PerformanceStats>> stats = new HashMap<>();
        jdbc.query("""
                SELECT s.id, s.build_task_id, s.statistics
                  FROM performance_stats s JOIN build_tasks t ON t.id = s.build_task_id
                 WHERE t.build_id = ANY (:ids) ORDER BY s.id""", builds, rs -> stats.computeIfAbsent(
                rs.getLong(2), k -> new ArrayList<>()).add(new BuildView.PerformanceStats(rs.getLong(1),
                rs.getLong(2), null, null, Json.map(rs.getString(3)))));
        Map<Long, List<BuildView.PerformanceStats>> testStats = new HashMap<>();
        // the page's test tasks first, then their statistics by index: joined and ordered by s.id, the planner walked
        // every statistics row when test_tasks looked empty (154 ms a page at 100,000 builds, 0.08 ms this way)
        jdbc.query("""
                SELECT s.id, s.test_task_id, s.statistics FROM performance_stats s
                 WHERE s.test_task_id = ANY (ARRAY(SELECT x.id FROM test_tasks x WHERE x.build_id = ANY (:ids)))
                 ORDER BY s.id""", builds, rs -> testStats.computeIfAbsent(
                rs.getLong(2), k -> new ArrayList<>()).add(new BuildView.PerformanceStats(rs.getLong(1), null,
                rs.getLong(2), null, Json.map(rs.getString(3)))));
        Map<Long, List<Object>> tests = new HashMap<>();
        jdbc.query("""
                SELECT x.id, x.build_task_id, x.status, x.revision FROM test_tasks x
                 WHERE x.build_id = ANY (:ids) ORDER BY x.id""", builds, rs -> tests.computeIfAbsent(rs.getLong(2),
                k -> new ArrayList<>()).add(new BuildView.TestTaskSummary(rs.getLong(1), rs.getInt(3), rs.getInt(4),
                testStats.getOrDefault(rs.getLong(1), List.of()))));
        Map<Long, List<BuildView.ArtifactImport>> imports = new HashMap<>();
        jdbc.query("""
                SELECT j.id, j.build_task_id, j.status, j.attempt, j.created_at, j.error
                  FROM store_jobs j
                 WHERE j.build_id = ANY (:ids) AND j.build_task_id IS NOT NULL ORDER BY j.id""", builds,
                rs -> imports.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new BuildView.ArtifactImport(
                        rs.getLong(1), StoreJobStatus.ofCode(rs.getInt(3)).name().toLowerCase(java.util.Locale.ROOT),
                        rs.getInt(4), time(rs, 5), rs.getString(6))));
        Map<Long, List<BuildView.HistoryEntry>> history = new HashMap<>();
        if (withHistory) {
            jdbc.query("""
                    SELECT h.build_task_id, h.at, h.event, h.status, h.actor_user_id, h.attempt, h.reason
                      FROM build_task_history h JOIN build_tasks t ON t.id = h.build_task_id
                     WHERE t.build_id = ANY (:ids) ORDER BY h.id""", builds, rs -> history.computeIfAbsent(
                    rs.getLong(1), k -> new ArrayList<>()).add(new BuildView.HistoryEntry(time(rs, 2),
                    rs.getString(3), rs.getInt(4), Jdbc.getLong(rs, 5), rs.getInt(6), rs.getString(7))));
        }
        Map<Long, List<BuildView.Task>> tasks = new HashMap<>();
        Map<Long, BuildView.Platform> platforms = new HashMap<>();
        jdbc.query("""
                SELECT t.id, t.build_id, t.lease_renewed_at, t.started_at, t.finished_at, t.status, t.index, t.arch,
                       t.platform_id, p.type, p.name, p.arch_list,
                       r.url, r.git_ref, r.ref_type, r.git_commit_hash, r.mock_options, r.test_configuration,
                       t.is_cas_authenticated, t.alma_commit_cas_hash, t.mock_options, t.is_secure_boot, t.error,
                       t.attempt, t.lease_holder, t.lease_expires_at, t.built_srpm_url, t.srpm_hash
                  FROM build_tasks t
                  JOIN build_task_refs r ON r.id = t.ref_id
                  JOIN platforms p ON p.id = t.platform_id
                 WHERE t.build_id = ANY (:ids) ORDER BY t.id""", builds, rs -> {
            long taskId = rs.getLong(1);
            long platformId = rs.getLong(9);
            BuildView.Platform platform = platforms.get(platformId);
            if (platform == null) {
                platform = new BuildView.Platform(platformId, rs.getString(10), rs.getString(11),
                        Json.strings(rs.getString(12)));
                platforms.put(platformId, platform);
            }
            BuildView.Ref ref = new BuildView.Ref(rs.getString(13), rs.getString(14), rs.getInt(15),
                    rs.getString(16), Json.map(rs.getString(17)), false, true, Json.map(rs.getString(18)), List.of(),
                    null, null);
            return tasks.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new BuildView.Task(taskId,
                    time(rs, 3), time(rs, 4), time(rs, 5), rs.getInt(6), rs.getInt(7), rs.getString(8), platform,
                    ref, List.of(), artifacts.getOrDefault(taskId, List.of()), rs.getBoolean(19), rs.getString(20),
                    Json.map(rs.getString(21)), rs.getBoolean(22), tests.getOrDefault(taskId, List.of()),
                    rs.getString(23),
                    stats.getOrDefault(taskId, List.of()), rs.getInt(24), Jdbc.getLong(rs, 25), time(rs, 26),
                    rs.getString(27), rs.getString(28), imports.getOrDefault(taskId, List.of()),
                    withHistory ? history.getOrDefault(taskId, List.of()) : null));
        });
        Map<Long, List<BuildView.PipelineEvent>> pipeline = new HashMap<>();
        jdbc.query("SELECT build_id, at, event, message FROM build_events WHERE build_id = ANY (:ids) ORDER BY id",
                builds, rs -> pipeline.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new BuildView.PipelineEvent(time(rs, 2), rs.getString(3), rs.getString(4))));
        Map<Long, BuildView> byId = new HashMap<>();
        jdbc.query("""
                SELECT b.id, b.created_at, b.finished_at, b.owner_id, u.username, u.email, b.mock_options,
                       b.release_id, b.released, b.cancel_testing, b.is_secure_boot, b.product_id, b.open_tasks,
                       e.repository, e.tag, e.commit_hash, b.signed, b.sign_key_id
                  FROM builds b JOIN users u ON u.id = b.owner_id
                  LEFT JOIN push_events e ON e.build_id = b.id
                 WHERE b.id = ANY (:ids)""", builds, rs -> {
            long id = rs.getLong(1);
            return byId.put(id, new BuildView(id, time(rs, 2), time(rs, 3), tasks.getOrDefault(id, List.of()),
                    new BuildView.Owner(rs.getLong(4), rs.getString(5), rs.getString(6)),
                    signTasks.getOrDefault(id, List.of()), linked.getOrDefault(id, List.of()),
                    Json.map(rs.getString(7)), flavours.getOrDefault(id, List.of()), Jdbc.getLong(rs, 8),
                    rs.getBoolean(9), rs.getBoolean(10), products.getOrDefault(id, List.of()), rs.getBoolean(11),
                    Jdbc.getLong(rs, 12),
                    rs.getInt(13), rs.getString(14) == null ? null
                    : new BuildView.Source("push", rs.getString(14), rs.getString(15), rs.getString(16)),
                    rs.getBoolean(17), Jdbc.getLong(rs, 18), pipeline.getOrDefault(id, List.of())));
        });
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    @Override
    public Optional<BuildView.Artifact> artifact(long id) {
        return jdbc.query("SELECT a.id, a.name, a.type, a.href, a.sha256, a.cas_hash, a.meta, a.sign_key_id"
                + " FROM build_artifacts a WHERE a.id = :id", new Jdbc.Args().lng("id", id),
                rs -> new BuildView.Artifact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Json.map(rs.getString(7)), Jdbc.getLong(rs, 8)))
                .stream().findFirst();
    }

    private static java.time.LocalDateTime time(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.time.Instant t = Jdbc.getInstant(rs, column);
        return t == null ? null : java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
    }
}
