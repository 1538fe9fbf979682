package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.SignTasks;
import org.albs.domain.ConflictException;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkState;
import org.albs.domain.signing.SignReport;
import org.albs.domain.signing.SignTask;
import org.albs.domain.signing.SignTaskStatus;

/**
 * Sign tasks on the lease queue ({@link SqlLeaseTable}). A claim is one statement: the held tasks of the node's keys
 * whose lease expired and that were not reported, then the waiting ones oldest first, each probe an indexed
 * {@code … LIMIT n FOR UPDATE SKIP LOCKED}; the key is joined to the locked rows. The node's report is kept as JSON.
 */
@ApplicationScoped
public class SqlSignTasks implements SignTasks {
    private static final String OWN_COLUMNS = "build_id, sign_key_id, report, reported_at";
    private static final String WAITING = SqlLeaseTable.codes(SignTask.LIFECYCLE, LeasePhase.WAITING);
    private static final String LEASED = SqlLeaseTable.codes(SignTask.LIFECYCLE, LeasePhase.LEASED);
    /** The store jobs that put a build's packages into its repositories (a build being imported is not signed). */
    static final List<String> IMPORT_KINDS = java.util.Arrays.stream(StoreJobKind.values())
            .filter(StoreJobKind::importsBuildPackages).map(StoreJobKind::name).toList();

    private static final SqlLeaseTable.Kind<SignTask, SignTaskStatus> KIND = new SqlLeaseTable.Kind<>() {
        @Override
        public String table() {
            return "sign_tasks";
        }

        @Override
        public String historyTable() {
            return "sign_task_history";
        }

        @Override
        public String historyKey() {
            return "sign_task_id";
        }

        @Override
        public Lifecycle<SignTaskStatus> lifecycle() {
            return SignTask.LIFECYCLE;
        }

        @Override
        public SignTaskStatus status(int code) {
            return SignTaskStatus.ofCode(code);
        }

        @Override
        public String ownColumns() {
            return OWN_COLUMNS;
        }

        @Override
        public SignTask read(WorkState<SignTaskStatus> state, ResultSet rs, int c) throws SQLException {
            return new SignTask(state, rs.getLong(c), rs.getLong(c + 1), report(rs.getString(c + 2)),
                    Jdbc.getInstant(rs, c + 3));
        }

        @Override
        public String ownWrites() {
            return "report = CAST(:report AS jsonb), reported_at = :reported_at";
        }

        @Override
        public void bindOwn(SignTask task, Jdbc.Args args) {
            args.str("report", write(task.report())).time("reported_at", task.reportedAt());
        }
    };

    private final Jdbc jdbc;
    private final SqlLeaseTable<SignTask, SignTaskStatus> table;
    private final String claim;

    public SqlSignTasks(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
        this.table = new SqlLeaseTable<>(jdbc, KIND);
        String eligible = "t.reported_at IS NULL AND t.sign_key_id = ANY (ARRAY(SELECT k.id FROM sign_keys k"
                + " WHERE k.keyid = ANY (:keyids)))";
        this.claim = "WITH expired AS (" + table.expiredForClaim(eligible, "") + "),\n"
                + "waiting AS (SELECT " + table.columns("t") + " FROM sign_tasks t WHERE t.status IN (" + WAITING
                + ") AND t.sign_key_id = ANY (ARRAY(SELECT k.id FROM sign_keys k WHERE k.keyid = ANY (:keyids)))"
                + " ORDER BY t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED),\n"
                + "claimable AS (SELECT * FROM expired UNION ALL SELECT * FROM waiting LIMIT :limit)\n"
                + "SELECT " + table.columns("c") + ", k.keyid, k.add_files_signature FROM claimable c"
                + " JOIN sign_keys k ON k.id = c.sign_key_id";
    }

    @Override
    public List<Offer<SignTask, Assignment>> lockClaimable(Criteria criteria, Instant now, int limit) {
        List<Object[]> rows = jdbc.query(claim, new Jdbc.Args().time("now", now).integer("limit", limit)
                .texts("keyids", criteria.keyIds().stream().map(k -> k.toUpperCase(java.util.Locale.ROOT)).toList()),
                rs -> new Object[] {table.read(rs), rs.getString(table.columnCount() + 1),
                        rs.getBoolean(table.columnCount() + 2)});
        List<Offer<SignTask, Assignment>> offers = new ArrayList<>();
        for (Object[] r : rows) {
            SignTask t = (SignTask) r[0];
            offers.add(new Offer<>(t, new Assignment((String) r[1], (Boolean) r[2], packages(t.buildId()))));
        }
        return offers;
    }

    @Override
    public Optional<SignTask> lock(long id) {
        return table.lock(id);
    }

    @Override
    public List<SignTask> lockLeased(Collection<Long> ids) {
        return table.lockLeased(ids);
    }

    /** The sweeper's candidates: as the queue's, but never a reported task (its signing job ends it). */
    @Override
    public List<SignTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return jdbc.query("SELECT " + table.columns("t") + " FROM sign_tasks t WHERE t.status IN (" + LEASED + ")"
                        + " AND t.reported_at IS NULL AND t.lease_expires_at <= :now AND t.attempt >= :max_attempts"
                        + " ORDER BY t.lease_expires_at, t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED",
                new Jdbc.Args().time("now", now).integer("max_attempts", maxAttempts).integer("limit", limit),
                table::read);
    }

    @Override
    public void save(Change<SignTask> change) {
        table.saveAll(List.of(change));
    }

    @Override
    public void saveLeases(List<SignTask> renewed) {
        table.saveLeases(renewed);
    }

    @Override
    public long insert(SignTask task) {
        try {
            return jdbc.query("INSERT INTO sign_tasks (build_id, sign_key_id, status, created_at)"
                            + " VALUES (:build, :key, :status, now() AT TIME ZONE 'UTC') RETURNING id",
                    new Jdbc.Args().lng("build", task.buildId()).lng("key", task.signKeyId())
                            .integer("status", task.status().code()), rs -> rs.getLong(1)).get(0);
        } catch (Jdbc.DatabaseException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("Build " + task.buildId() + " has an unfinished sign task");
            }
            throw e;
        }
    }

    @Override
    public Optional<SignTask> find(long id) {
        return jdbc.query("SELECT " + table.columns("t") + " FROM sign_tasks t WHERE t.id = :id",
                new Jdbc.Args().lng("id", id), table::read).stream().findFirst();
    }

    @Override
    public List<SignTask> page(Optional<Long> buildId, int offset, int limit) {
        Jdbc.Args args = new Jdbc.Args().integer("offset", offset).integer("limit", limit);
        buildId.ifPresent(b -> args.lng("build", b));
        return jdbc.query("SELECT " + table.columns("t") + " FROM sign_tasks t"
                + (buildId.isPresent() ? " WHERE t.build_id = :build" : "")
                + " ORDER BY t.id DESC OFFSET :offset LIMIT :limit", args, table::read);
    }

    @Override
    public long count(Optional<Long> buildId) {
        Jdbc.Args args = new Jdbc.Args();
        buildId.ifPresent(b -> args.lng("build", b));
        return jdbc.query("SELECT count(*) FROM sign_tasks t" + (buildId.isPresent() ? " WHERE t.build_id = :build"
                : ""), args, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public Optional<BuildFacts> lockBuild(long buildId) {
        String completed = Integer.toString(BuildTaskStatus.COMPLETED.code());
        String unfinished = SqlLeaseTable.codes(org.albs.domain.builds.BuildTask.LIFECYCLE, LeasePhase.WAITING)
                + ", " + SqlLeaseTable.codes(org.albs.domain.builds.BuildTask.LIFECYCLE, LeasePhase.LEASED);
        String jobOpen = StoreJobStatus.WAITING.code() + ", " + StoreJobStatus.RUNNING.code();
        return jdbc.query("""
                SELECT b.owner_id, b.signed, b.product_id,
                       (SELECT count(*) FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id
                         WHERE t.build_id = b.id AND t.status = %1$s AND a.type = 'rpm' AND a.name LIKE '%%.src.rpm'
                           AND a.content_handle IS NOT NULL),
                       (SELECT count(*) FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id
                         WHERE t.build_id = b.id AND t.status = %1$s AND a.type = 'rpm'
                           AND a.name NOT LIKE '%%.src.rpm' AND a.content_handle IS NOT NULL),
                       (SELECT count(*) FROM build_tasks t WHERE t.build_id = b.id AND t.status IN (%2$s)),
                       (SELECT count(*) FROM store_jobs j WHERE j.build_id = b.id AND j.status IN (%3$s)
                           AND j.kind = ANY (:imports)),
                       (SELECT min(s.id) FROM sign_tasks s WHERE s.build_id = b.id AND s.status IN (%4$s, %5$s))
                  FROM builds b WHERE b.id = :build FOR UPDATE OF b""".formatted(completed, unfinished, jobOpen,
                        WAITING, LEASED), new Jdbc.Args().lng("build", buildId).texts("imports", IMPORT_KINDS),
                rs -> new BuildFacts(buildId, new UserId(rs.getLong(1)), Jdbc.getLong(rs, 3), rs.getBoolean(2),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), Optional.ofNullable(Jdbc.getLong(rs, 8))))
                .stream().findFirst();
    }

    @Override
    public List<BuildPackage> packages(long buildId) {
        return jdbc.query("""
                SELECT a.id, a.name, t.arch, p.name, a.content_handle, a.cas_hash
                  FROM build_tasks t JOIN build_artifacts a ON a.build_task_id = t.id
                  JOIN platforms p ON p.id = t.platform_id
                 WHERE t.build_id = :build AND t.status = :completed AND a.type = 'rpm'
                 ORDER BY a.name NOT LIKE '%.src.rpm', t.id, a.id""", new Jdbc.Args().lng("build", buildId)
                .integer("completed", BuildTaskStatus.COMPLETED.code()), rs -> new BuildPackage(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
    }

    @Override
    public void recordSignature(long buildId, long signKeyId, Map<Long, Signed> artifacts) {
        List<Jdbc.Statement> statements = new ArrayList<>();
        artifacts.forEach((id, s) -> statements.add(new Jdbc.Statement("""
                UPDATE build_artifacts SET href = :href, sha256 = :sha, content_handle = :handle,
                       meta = CAST(:meta AS jsonb), sign_key_id = :key WHERE id = :id""",
                new Jdbc.Args().str("href", s.href()).str("sha", s.content().sha256())
                        .str("handle", s.content().handle()).str("meta", SqlBuildArtifacts.meta(s.content())).lng("key", signKeyId)
                        .lng("id", id))));
        statements.add(new Jdbc.Statement("UPDATE builds SET signed = TRUE, sign_key_id = :key WHERE id = :build",
                new Jdbc.Args().lng("key", signKeyId).lng("build", buildId)));
        jdbc.run(statements);
    }

    // ---- the report as JSON ---------------------------------------------------------------------------------------

    static String write(SignReport r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", r.success());
        m.put("error_message", r.errorMessage());
        List<Map<String, Object>> packages = new ArrayList<>();
        for (SignReport.SignedPackage p : r.packages()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("name", p.name());
            pm.put("arch", p.arch());
            pm.put("type", p.type());
            pm.put("href", p.href());
            pm.put("fingerprint", p.fingerprint());
            pm.put("sha256", p.sha256());
            pm.put("cas_hash", p.casHash());
            packages.add(pm);
        }
        m.put("packages", packages);
        m.put("stats", r.stats());
        return Json.write(m);
    }

    @SuppressWarnings("unchecked")
    static SignReport report(String json) {
        Map<String, Object> m = Json.map(json);
        if (m == null) {
            return null;
        }
        List<SignReport.SignedPackage> packages = new ArrayList<>();
        for (Object o : (List<Object>) m.getOrDefault("packages", List.of())) {
            Map<String, Object> p = (Map<String, Object>) o;
            Object id = p.get("id");
            packages.add(new SignReport.SignedPackage(id == null ? null : ((Number) id).longValue(),
                    (String) p.get("name"), (String) p.get("arch"), (String) p.get("type"), (String) p.get("href"),
                    (String) p.get("fingerprint"), (String) p.get("sha256"), (String) p.get("cas_hash")));
        }
        Object stats = m.get("stats");
        return new SignReport(Boolean.TRUE.equals(m.get("success")), (String) m.get("error_message"), packages,
                stats == null ? Map.of() : (Map<String, Object>) stats);
    }
}
