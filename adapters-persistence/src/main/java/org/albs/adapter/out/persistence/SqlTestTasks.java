package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agroal.api.AgroalDataSource;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.application.port.out.TestTasks;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkState;
import org.albs.domain.testing.TapCase;
import org.albs.domain.testing.TapLog;
import org.albs.domain.testing.TapStatus;
import org.albs.domain.testing.TestPlan;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;
import org.albs.domain.testing.TestedPackage;

/**
 * Test tasks on the lease queue ({@link SqlLeaseTable}): claimed in id order through the partial index of waiting
 * rows (expired leases first, as every kind), the payload joined to the locked rows in the same statement. Also the
 * one SQL home of the rule of when a finished build is tested ({@link #lockUntestedSettledBuild}).
 */
@ApplicationScoped
public class SqlTestTasks implements TestTasks {

    private static final int CREATED = TestTaskStatus.CREATED.code();
    private static final String OWN_COLUMNS = "build_id, build_task_id, revision, package_name, package_epoch,"
            + " package_version, package_release, env_arch";

    private static final SqlLeaseTable.Kind<TestTask, TestTaskStatus> KIND = new SqlLeaseTable.Kind<>() {
        @Override
        public String table() {
            return "test_tasks";
        }

        @Override
        public String historyTable() {
            return "test_task_history";
        }

        @Override
        public String historyKey() {
            return "test_task_id";
        }

        @Override
        public Lifecycle<TestTaskStatus> lifecycle() {
            return TestTask.LIFECYCLE;
        }

        @Override
        public TestTaskStatus status(int code) {
            return TestTaskStatus.ofCode(code);
        }

        @Override
        public String ownColumns() {
            return OWN_COLUMNS;
        }

        @Override
        public TestTask read(WorkState<TestTaskStatus> state, ResultSet rs, int c) throws SQLException {
            return new TestTask(state, rs.getLong(c), rs.getLong(c + 1), rs.getInt(c + 2),
                    new TestedPackage(rs.getString(c + 3), rs.getString(c + 4), rs.getString(c + 5),
                            rs.getString(c + 6)), rs.getString(c + 7));
        }

        @Override
        public String ownWrites() {
            return "";
        }

        @Override
        public void bindOwn(TestTask item, Jdbc.Args args) {
        }
    };

    private final Jdbc jdbc;
    private final SqlLeaseTable<TestTask, TestTaskStatus> table;
    private final PlatformCache platforms;
    private final String claim;

    public SqlTestTasks(AgroalDataSource ds, PlatformCache platforms) {
        this.jdbc = new Jdbc(ds);
        this.table = new SqlLeaseTable<>(jdbc, KIND);
        this.platforms = platforms;
        // one statement: the expired leases, then waiting tests by id, each probe LIMIT n FOR UPDATE SKIP LOCKED,
        // and what ALTS needs of them: the platform, the ref's test configuration, the build's and its linked
        // builds' RPM repositories on the platform (own build first, each in creation order)
        this.claim = "WITH expired AS (" + table.expiredForClaim("TRUE", "") + "),\n"
                + "waiting AS (SELECT " + table.columns("t") + " FROM test_tasks t WHERE t.status = " + CREATED
                + " ORDER BY t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED),\n"
                + "claimable AS (SELECT * FROM expired UNION ALL SELECT * FROM waiting LIMIT :limit)\n"
                + "SELECT " + table.columns("c") + ", bt.platform_id,"
                + " (SELECT p.version FROM platforms p WHERE p.id = bt.platform_id), r.test_configuration,"
                + " (SELECT json_agg(json_build_array(rp.name, rp.url, rp.arch)"
                + " ORDER BY br.build_id <> c.build_id, br.build_id, br.position)"
                + " FROM build_repository br JOIN repositories rp ON rp.id = br.repository_id"
                + " WHERE (br.build_id = c.build_id OR br.build_id IN (SELECT d.build_dependency"
                + " FROM build_dependency d WHERE d.build_id = c.build_id))"
                + " AND rp.platform_id = bt.platform_id AND rp.type = 'rpm')"
                + " FROM claimable c JOIN build_tasks bt ON bt.id = c.build_task_id"
                + " JOIN build_task_refs r ON r.id = bt.ref_id ORDER BY c.lease_expires_at NULLS LAST, c.id";
    }

    @Override
    public List<Offer<TestTask, Assignment>> lockClaimable(AnyTask criteria, Instant now, int limit) {
        int n = table.columnCount();
        return jdbc.query(claim, new Jdbc.Args().time("now", now).integer("limit", limit), rs -> {
            TestTask t = table.read(rs);
            List<BuildRepo> repos = new ArrayList<>();
            for (Object o : Json.list(rs.getString(n + 4))) {
                List<?> r = (List<?>) o;
                repos.add(new BuildRepo(String.valueOf(r.get(0)), String.valueOf(r.get(1)), String.valueOf(r.get(2))));
            }
            return new Offer<>(t, new Assignment(platforms.get(rs.getLong(n + 1), rs.getLong(n + 2)),
                    Json.map(rs.getString(n + 3)), repos));
        });
    }

    @Override
    public Optional<TestTask> lock(long id) {
        return table.lock(id);
    }

    @Override
    public List<TestTask> lockLeased(Collection<Long> ids) {
        return table.lockLeased(ids);
    }

    @Override
    public List<TestTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return table.lockExhausted(now, maxAttempts, limit);
    }

    @Override
    public void save(Change<TestTask> change) {
        table.saveAll(List.of(change));
    }

    @Override
    public void saveAll(List<Change<TestTask>> changes) {
        table.saveAll(changes);
    }

    @Override
    public void saveLeases(List<TestTask> renewed) {
        table.saveLeases(renewed);
    }

    // ---- when a build is tested --------------------------------------------------------------------------------

    @Override
    public Optional<List<TestedTask>> lockUntestedSettledBuild(long buildId) {
        Jdbc.Args args = new Jdbc.Args().lng("build", buildId);
        List<Boolean> settled = jdbc.query("""
                SELECT b.open_tasks <= 0 AND NOT b.cancel_testing
                       AND NOT EXISTS (SELECT 1 FROM build_tasks t WHERE t.build_id = b.id AND t.status = """
                + BuildTaskStatus.CANCELLED.code() + """
                )
                       AND NOT EXISTS (SELECT 1 FROM store_jobs j WHERE j.build_id = b.id
                                          AND j.kind IN (:import, :finalize) AND j.status IN ("""
                + StoreJobStatus.WAITING.code() + ", " + StoreJobStatus.RUNNING.code() + """
                ))
                  FROM builds b WHERE b.id = :build FOR UPDATE""", args
                        .str("import", StoreJobKind.IMPORT_ARTIFACTS.name())
                        .str("finalize", StoreJobKind.FINALIZE_INDEX.name()), rs -> rs.getBoolean(1));
        if (settled.isEmpty() || !settled.get(0)) {
            return Optional.empty();
        }
        return Optional.of(tested("t.build_id = :build AND btrim(p.test_dist_name) <> ''"
                + " AND NOT EXISTS (SELECT 1 FROM test_tasks x WHERE x.build_task_id = t.id)",
                new Jdbc.Args().lng("build", buildId)));
    }

    /** Completed build tasks chosen by {@code where} (on {@code t}, {@code p} its platform) with their packages. */
    private List<TestedTask> tested(String where, Jdbc.Args args) {
        Map<Long, TestedTask> tasks = new LinkedHashMap<>();
        Map<Long, List<TestPlan.Package>> packages = new HashMap<>();
        jdbc.query("SELECT t.id, t.build_id, t.arch, a.name, a.meta FROM build_tasks t"
                + " JOIN platforms p ON p.id = t.platform_id"
                + " LEFT JOIN build_artifacts a ON a.build_task_id = t.id AND a.type = 'rpm' AND a.meta IS NOT NULL"
                + " WHERE " + where + " AND t.status = " + BuildTaskStatus.COMPLETED.code()
                + " ORDER BY t.id, a.id", args, rs -> {
            long id = rs.getLong(1);
            tasks.computeIfAbsent(id, k -> {
                try {
                    return new TestedTask(id, rs.getLong(2), rs.getString(3), List.of());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String name = rs.getString(4);
            if (name != null) {
                Map<String, Object> m = Json.map(rs.getString(5));
                if (m.get("name") != null) {
                    packages.computeIfAbsent(id, k -> new ArrayList<>()).add(new TestPlan.Package(name,
                            new PackageMeta(str(m, "name"), str(m, "epoch"), str(m, "version"), str(m, "release"),
                                    str(m, "arch"), str(m, "sourcerpm"))));
                }
            }
            return null;
        });
        return tasks.values().stream().map(t -> new TestedTask(t.buildTaskId(), t.buildId(), t.arch(),
                packages.getOrDefault(t.buildTaskId(), List.of()))).toList();
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    @Override
    public Optional<TestedTask> completedTask(long buildTaskId) {
        return tested("t.id = :task", new Jdbc.Args().lng("task", buildTaskId)).stream().findFirst();
    }

    @Override
    public Optional<Long> buildOf(long buildTaskId) {
        return jdbc.query("SELECT build_id FROM build_tasks WHERE id = :task", new Jdbc.Args().lng("task", buildTaskId),
                rs -> rs.getLong(1)).stream().findFirst();
    }

    @Override
    public List<Long> create(List<TestTask> tasks, Instant now) {
        return jdbc.query("""
                INSERT INTO test_tasks (build_id, build_task_id, revision, package_name, package_epoch, package_version,
                                        package_release, env_arch, status, created_at)
                SELECT x.b, x.bt, x.r, x.n, x.e, x.v, x.rel, x.a, :status, :now
                  FROM unnest(:builds, :tasks, :revisions, :names, :epochs, :versions, :releases, :arches)
                       WITH ORDINALITY AS x(b, bt, r, n, e, v, rel, a, o)
                 ORDER BY x.o RETURNING id""", new Jdbc.Args()
                .longs("builds", tasks.stream().map(TestTask::buildId).toList())
                .longs("tasks", tasks.stream().map(TestTask::buildTaskId).toList())
                .ints("revisions", tasks.stream().map(TestTask::revision).toList())
                .texts("names", tasks.stream().map(t -> t.pkg().name()).toList())
                .texts("epochs", tasks.stream().map(t -> t.pkg().epoch()).toList())
                .texts("versions", tasks.stream().map(t -> t.pkg().version()).toList())
                .texts("releases", tasks.stream().map(t -> t.pkg().release()).toList())
                .texts("arches", tasks.stream().map(TestTask::envArch).toList())
                .integer("status", CREATED).time("now", now), rs -> rs.getLong(1));
    }

    @Override
    public int latestRevision(long buildTaskId) {
        return jdbc.query("SELECT coalesce(max(revision), 0) FROM test_tasks WHERE build_task_id = :task",
                new Jdbc.Args().lng("task", buildTaskId), rs -> rs.getInt(1)).get(0);
    }

    @Override
    public List<TestTask> revision(long buildTaskId, int revision) {
        return jdbc.query("SELECT " + table.columns("t") + " FROM test_tasks t WHERE t.build_task_id = :task"
                        + " AND t.revision = :revision ORDER BY t.id",
                new Jdbc.Args().lng("task", buildTaskId).integer("revision", revision), table::read);
    }

    @Override
    public List<TestTask> lockOpen(long buildId) {
        return table.lockWhere("t.build_id = :build AND t.status IN ("
                + SqlLeaseTable.codes(TestTask.LIFECYCLE, LeasePhase.WAITING) + ", "
                + SqlLeaseTable.codes(TestTask.LIFECYCLE, LeasePhase.LEASED) + ")", new Jdbc.Args().lng("build", buildId));
    }

    @Override
    public void setCancelTesting(long buildId, boolean cancel) {
        jdbc.update("UPDATE builds SET cancel_testing = :cancel WHERE id = :build",
                new Jdbc.Args().bool("cancel", cancel).lng("build", buildId));
    }

    @Override
    public void lockBuild(long buildId) {
        jdbc.query("SELECT 1 FROM builds WHERE id = :build FOR UPDATE", new Jdbc.Args().lng("build", buildId),
                rs -> null);
    }

    @Override
    public List<Long> testedBuildTasks(long buildId) {
        return jdbc.query("SELECT DISTINCT build_task_id FROM test_tasks WHERE build_id = :build ORDER BY 1",
                new Jdbc.Args().lng("build", buildId), rs -> rs.getLong(1));
    }

    // ---- results -----------------------------------------------------------------------------------------------

    @Override
    public void saveResult(Result r) {
        TestTask t = r.change().work();
        List<Change<TestTask>> changes = List.of(r.change());
        List<Jdbc.Statement> statements = new ArrayList<>();
        statements.add(table.save(r.change()));
        // the result, its statistics, its logs and, when there are logs, their import job (the outbox), in one go
        statements.add(new Jdbc.Statement("""
                WITH response AS (
                    UPDATE test_tasks SET alts_response = CAST(:response AS jsonb) WHERE id = :test),
                logs AS (
                    INSERT INTO test_task_artifacts (test_task_id, name, href)
                    SELECT :test, x.n, x.h FROM unnest(:names, :hrefs) WITH ORDINALITY AS x(n, h, o) ORDER BY x.o),
                job AS (
                    INSERT INTO store_jobs (kind, build_id, test_task_id, created_at)
                    SELECT :import, :build, :test, :at WHERE cardinality(:names) > 0)
                INSERT INTO performance_stats (test_task_id, statistics)
                SELECT :test, CAST(:stats AS jsonb) WHERE CAST(:stats AS jsonb) IS NOT NULL""",
                new Jdbc.Args().lng("test", t.id()).str("response", Json.write(r.altsResponse()))
                        .texts("names", r.logs().stream().map(TestResultCommand.Log::name).toList())
                        .texts("hrefs", r.logs().stream().map(TestResultCommand.Log::href).toList())
                        .str("import", StoreJobKind.IMPORT_TEST_LOGS.name()).lng("build", t.buildId())
                        .time("at", r.change().entry().at())
                        .str("stats", r.stats() == null ? null : Json.write(r.stats()))));
        table.requireSaved(changes, jdbc.run(statements).subList(0, 1));
    }

    @Override
    public List<StoredLog> logs(long testTaskId) {
        return jdbc.query("SELECT id, test_task_id, name, href, content_handle, logs_format, tap_results"
                + " FROM test_task_artifacts WHERE test_task_id = :test ORDER BY id",
                new Jdbc.Args().lng("test", testTaskId), SqlTestTasks::log);
    }

    private static StoredLog log(ResultSet rs) throws SQLException {
        String format = rs.getString(6);
        TapLog tap = null;
        if (format != null) {
            List<TapCase> cases = new ArrayList<>();
            for (JsonNode c : Json.tree(rs.getString(7))) {
                cases.add(new TapCase(c.path("test_name").asText(), TapStatus.of(c.path("status").asInt()),
                        c.path("diagnostic").asText("")));
            }
            tap = new TapLog(cases, format);
        }
        return new StoredLog(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), tap);
    }

    @Override
    public void recordLogTap(long logId, TapLog tap) {
        ArrayNode cases = JsonNodeFactory.instance.arrayNode();
        tap.cases().forEach(c -> cases.addObject().put("test_name", c.testName()).put("status", c.status().code())
                .put("diagnostic", c.diagnostic()));
        jdbc.update("UPDATE test_task_artifacts SET logs_format = :format, tap_results = CAST(:cases AS jsonb)"
                + " WHERE id = :id", new Jdbc.Args().str("format", tap.format()).str("cases", Json.write(cases))
                .lng("id", logId));
    }

    @Override
    public void recordLogContent(long logId, String contentHandle) {
        jdbc.update("UPDATE test_task_artifacts SET content_handle = :handle WHERE id = :id",
                new Jdbc.Args().str("handle", contentHandle).lng("id", logId));
    }

    @Override
    public List<StoredLog> latestLogs(long buildTaskId) {
        return jdbc.query("""
                SELECT a.id, a.test_task_id, a.name, a.href, a.content_handle, a.logs_format, a.tap_results
                  FROM test_task_artifacts a JOIN test_tasks x ON x.id = a.test_task_id
                 WHERE x.build_task_id = :task
                   AND x.revision = (SELECT max(revision) FROM test_tasks WHERE build_task_id = :task)
                 ORDER BY a.test_task_id, a.id""", new Jdbc.Args().lng("task", buildTaskId), SqlTestTasks::log);
    }

    // ---- views -------------------------------------------------------------------------------------------------

    @Override
    public List<TestTaskView> views(long buildTaskId, int revision) {
        Jdbc.Args args = new Jdbc.Args().lng("task", buildTaskId).integer("revision", revision);
        Map<Long, List<BuildView.PerformanceStats>> stats = new HashMap<>();
        jdbc.query("""
                SELECT s.id, s.test_task_id, s.statistics FROM performance_stats s JOIN test_tasks x
                    ON x.id = s.test_task_id WHERE x.build_task_id = :task AND x.revision = :revision ORDER BY s.id""",
                args, rs -> stats.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(
                        new BuildView.PerformanceStats(rs.getLong(1), null, rs.getLong(2), null,
                                Json.map(rs.getString(3)))));
        Map<Long, List<BuildView.HistoryEntry>> history = new HashMap<>();
        jdbc.query("""
                SELECT h.test_task_id, h.at, h.event, h.status, h.actor_user_id, h.attempt, h.reason
                  FROM test_task_history h JOIN test_tasks x ON x.id = h.test_task_id
                 WHERE x.build_task_id = :task AND x.revision = :revision ORDER BY h.id""", args,
                rs -> history.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new BuildView.HistoryEntry(
                        Utc.of(Jdbc.getInstant(rs, 2)), rs.getString(3), rs.getInt(4), Jdbc.getLong(rs, 5), rs.getInt(6),
                        rs.getString(7))));
        return jdbc.query("""
                SELECT id, build_task_id, package_name, package_version, package_release, package_epoch, env_arch,
                       status, revision, alts_response, attempt, error, started_at, finished_at
                  FROM test_tasks WHERE build_task_id = :task AND revision = :revision ORDER BY id""", args, rs -> {
            long id = rs.getLong(1);
            String response = rs.getString(10);
            return new TestTaskView(id, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9),
                    response == null ? null : Json.map(response), stats.getOrDefault(id, List.of()), rs.getInt(11),
                    rs.getString(12), Utc.of(Jdbc.getInstant(rs, 13)), Utc.of(Jdbc.getInstant(rs, 14)), history.getOrDefault(id, List.of()));
        });
    }
}
