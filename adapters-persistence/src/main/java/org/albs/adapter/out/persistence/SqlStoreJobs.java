package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.StoreJobs;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkState;

/**
 * Artifact-store jobs on the lease queue ({@link SqlLeaseTable}): waiting jobs are claimed oldest first through the
 * partial index of waiting rows; a job's steps are written only while its worker holds it. Also the one SQL home of
 * the rule that finalizes a ref on a platform: when all its tasks have ended and none of their imports is open.
 */
@ApplicationScoped
public class SqlStoreJobs implements StoreJobs {
    private static final int WAITING = StoreJobStatus.WAITING.code();
    private static final int RUNNING = StoreJobStatus.RUNNING.code();

    private static final SqlLeaseTable.Kind<StoreJob, StoreJobStatus> KIND = new SqlLeaseTable.Kind<>() {
        @Override
        public String table() {
            return "store_jobs";
        }

        @Override
        public String historyTable() {
            return "store_job_history";
        }

        @Override
        public String historyKey() {
            return "store_job_id";
        }

        @Override
        public Lifecycle<StoreJobStatus> lifecycle() {
            return StoreJob.LIFECYCLE;
        }

        @Override
        public StoreJobStatus status(int code) {
            return StoreJobStatus.ofCode(code);
        }

        @Override
        public String ownColumns() {
            return "kind, build_id, build_task_id, platform_id, idx, steps, created_at, test_task_id";
        }

        @Override
        public StoreJob read(WorkState<StoreJobStatus> state, ResultSet rs, int c) throws SQLException {
            Long platform = Jdbc.getLong(rs, c + 3);
            int idx = rs.getInt(c + 4);
            Integer index = rs.wasNull() ? null : idx;
            Map<String, String> steps = new LinkedHashMap<>();
            Json.map(rs.getString(c + 5)).forEach((k, v) -> steps.put(k, String.valueOf(v)));
            return new StoreJob(state, StoreJobKind.valueOf(rs.getString(c)),
                    new StoreJob.Subject(rs.getLong(c + 1), Jdbc.getLong(rs, c + 2), platform, index,
                            Jdbc.getLong(rs, c + 7)), steps,
                    Jdbc.getInstant(rs, c + 6));
        }

        @Override
        public String ownWrites() {
            return "steps = CAST(:steps AS jsonb)";
        }

        @Override
        public void bindOwn(StoreJob job, Jdbc.Args args) {
            args.str("steps", Json.write(job.steps()));
        }
    };

    private final Jdbc jdbc;
    private final SqlLeaseTable<StoreJob, StoreJobStatus> table;
    private final String claim;

    public SqlStoreJobs(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
        this.table = new SqlLeaseTable<>(jdbc, KIND);
        this.claim = "WITH expired AS (" + table.expiredForClaim("TRUE", "") + "),\n"
                + "waiting AS (SELECT " + table.columns("t") + " FROM store_jobs t WHERE t.status = " + WAITING
                + " ORDER BY t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED)\n"
                + "SELECT * FROM expired UNION ALL SELECT * FROM waiting LIMIT :limit";
    }

    @Override
    public List<Offer<StoreJob, AnyJob>> lockClaimable(AnyJob criteria, Instant now, int limit) {
        return jdbc.query(claim, new Jdbc.Args().time("now", now).integer("limit", limit),
                rs -> new Offer<>(table.read(rs), AnyJob.INSTANCE));
    }

    @Override
    public Optional<StoreJob> lock(long id) {
        return table.lock(id);
    }

    @Override
    public List<StoreJob> lockLeased(Collection<Long> ids) {
        return table.lockLeased(ids);
    }

    @Override
    public List<StoreJob> lockExhausted(Instant now, int maxAttempts, int limit) {
        return table.lockExhausted(now, maxAttempts, limit);
    }

    @Override
    public void save(Change<StoreJob> change) {
        table.saveAll(List.of(change));
    }

    @Override
    public void saveLeases(List<StoreJob> renewed) {
        table.saveLeases(renewed);
    }

    @Override
    public long enqueue(StoreJob job) {
        StoreJob.Subject s = job.subject();
        return jdbc.query("""
                        INSERT INTO store_jobs (kind, build_id, build_task_id, platform_id, idx, steps, created_at,
                                                test_task_id)
                        VALUES (:kind, :build, :task, :platform, :idx, CAST(:steps AS jsonb), :at, :test) RETURNING id""",
                new Jdbc.Args().str("kind", job.kind().name()).lng("build", s.buildId()).lng("task", s.taskId())
                        .lng("test", s.testTaskId())
                        .lng("platform", s.platformId()).integer("idx", s.index())
                        .str("steps", Json.write(job.steps())).time("at", job.createdAt()),
                rs -> rs.getLong(1)).get(0);
    }

    @Override
    public boolean saveSteps(StoreJob job, UserId worker) {
        var lease = job.state().lease();
        return jdbc.update("UPDATE store_jobs SET steps = CAST(:steps AS jsonb), lease_renewed_at = :renewed,"
                + " lease_expires_at = :expires WHERE id = :id AND status = " + RUNNING + " AND lease_holder = :worker",
                new Jdbc.Args().str("steps", Json.write(job.steps())).time("renewed", lease.renewedAt())
                        .time("expires", lease.expiresAt()).lng("id", job.id()).lng("worker", worker.value())) == 1;
    }

    @Override
    public void enqueueFinalizationWhenSettled(long taskId, Instant now) {
        // the ref row serialises the imports of one ref that end together, so the last one sees all the others
        jdbc.run(List.of(new Jdbc.Statement("""
                SELECT 1 FROM build_task_refs r JOIN build_tasks t ON t.ref_id = r.id WHERE t.id = :task
                   FOR UPDATE OF r""", new Jdbc.Args().lng("task", taskId)),
                new Jdbc.Statement("""
                        INSERT INTO store_jobs (kind, build_id, platform_id, idx, created_at)
                        SELECT :kind, t.build_id, t.platform_id, t.index, :now FROM build_tasks t
                         WHERE t.id = :task
                           AND NOT EXISTS (SELECT 1 FROM build_tasks o
                                            WHERE o.ref_id = t.ref_id AND o.platform_id = t.platform_id
                                              AND o.status NOT IN (""" + SqlLeaseTable.codes(
                        org.albs.domain.builds.BuildTask.LIFECYCLE, LeasePhase.ENDED) + """
                        ))
                           AND NOT EXISTS (SELECT 1 FROM store_jobs j JOIN build_tasks o ON o.id = j.build_task_id
                                            WHERE o.ref_id = t.ref_id AND o.platform_id = t.platform_id
                                              AND j.status IN (""" + WAITING + ", " + RUNNING + """
                        ))
                        ON CONFLICT DO NOTHING""", new Jdbc.Args().str("kind", StoreJobKind.FINALIZE_INDEX.name())
                        .lng("task", taskId).time("now", now))));
    }

    @Override
    public UserId newWorkerId() {
        return new UserId(jdbc.query("SELECT nextval('job_worker_ids')", new Jdbc.Args(), rs -> rs.getLong(1)).get(0));
    }

    @Override
    public Optional<StoreJob> find(long id) {
        return jdbc.query("SELECT " + table.columns("t") + " FROM store_jobs t WHERE t.id = :id",
                new Jdbc.Args().lng("id", id), table::read).stream().findFirst();
    }

    private static String filter(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind,
                                 Optional<Long> buildId, Jdbc.Args args) {
        StringBuilder where = new StringBuilder("TRUE");
        status.ifPresent(s -> {
            where.append(" AND t.status = :status");
            args.integer("status", s.code());
        });
        kind.ifPresent(k -> {
            where.append(" AND t.kind = :kind");
            args.str("kind", k.name());
        });
        buildId.ifPresent(b -> {
            where.append(" AND t.build_id = :build");
            args.lng("build", b);
        });
        return where.toString();
    }

    @Override
    public List<StoreJob> page(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind, Optional<Long> buildId,
                               int offset, int limit) {
        Jdbc.Args args = new Jdbc.Args().integer("offset", offset).integer("limit", limit);
        return jdbc.query("SELECT " + table.columns("t") + " FROM store_jobs t WHERE "
                + filter(status, kind, buildId, args) + " ORDER BY t.id DESC OFFSET :offset LIMIT :limit", args,
                table::read);
    }

    @Override
    public long count(Optional<StoreJobStatus> status, Optional<StoreJobKind> kind, Optional<Long> buildId) {
        Jdbc.Args args = new Jdbc.Args();
        return jdbc.query("SELECT count(*) FROM store_jobs t WHERE " + filter(status, kind, buildId, args), args,
                rs -> rs.getLong(1)).get(0);
    }

    @Override
    public Map<StoreJobKind, Long> openByKind() {
        Map<StoreJobKind, Long> open = new EnumMap<>(StoreJobKind.class);
        for (StoreJobKind k : StoreJobKind.values()) {
            open.put(k, 0L);
        }
        jdbc.query("SELECT kind, count(*) FROM store_jobs WHERE status IN (" + WAITING + ", " + RUNNING
                + ") GROUP BY kind", new Jdbc.Args(), rs -> open.put(StoreJobKind.valueOf(rs.getString(1)),
                rs.getLong(2)));
        return open;
    }
}
