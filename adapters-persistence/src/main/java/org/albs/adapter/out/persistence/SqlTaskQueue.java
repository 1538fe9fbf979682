package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskQueue;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.Lease;
import org.albs.domain.builds.RefType;
import org.albs.domain.builds.TaskEvent;
import org.albs.domain.builds.TaskHistoryEntry;
import org.albs.domain.identity.UserId;

/**
 * The dispatch queue in SQL. Claims are one indexed {@code … ORDER BY … LIMIT 1 FOR UPDATE SKIP LOCKED} each:
 * the ready queue is the partial index {@code (owner_id, id) WHERE status = 0 AND pending_deps = 0}, started tasks
 * the partial index on {@code lease_expires_at WHERE status = 1}. Plain JDBC with prepared statements: this is the
 * hot path.
 */
@ApplicationScoped
public class SqlTaskQueue implements TaskQueue {
    static final String COLUMNS = "t.id, t.build_id, t.platform_id, t.ref_id, t.owner_id, t.index, t.arch, t.status, "
            + "t.lease_holder, t.lease_expires_at, t.attempt, t.error, t.started_at, t.finished_at, t.built_srpm_url";
    /** What a node needs besides {@link #COLUMNS} to build a task (columns 16-29, read by {@link #assignment}). */
    private static final String PAYLOAD = ", t.mock_options, t.is_secure_boot, t.srpm_hash, t.alma_commit_cas_hash,"
            + " t.is_cas_authenticated, r.url, r.git_ref, r.ref_type, r.git_commit_hash, b.mock_options, o.username,"
            + " o.email, (SELECT string_agg(d.build_dependency::text, ',' ORDER BY d.build_dependency)"
            + " FROM build_dependency d WHERE d.build_id = b.id), p.version";
    private static final String PAYLOAD_JOINS = " JOIN build_task_refs r ON r.id = t.ref_id"
            + " JOIN builds b ON b.id = t.build_id JOIN users o ON o.id = b.owner_id"
            + " JOIN platforms p ON p.id = t.platform_id";
    /** A claim's write: the task's new state (parameters 1-7) and its history entry (8-13). */
    private static final String CLAIM_UPDATE = """
            WITH u AS (
                UPDATE build_tasks SET status = ?, lease_holder = ?, lease_expires_at = ?, attempt = ?,
                       error = NULL, started_at = ?, finished_at = NULL, ts = ?
                 WHERE id = ? RETURNING id)""";
    private static final String CLAIM_HISTORY = """
            INSERT INTO build_task_history (build_task_id, at, event, status, node_user_id, attempt, reason)
            SELECT id, ?, ?, ?, ?, ?, ? FROM u""";

    /** Locks the next task and notes its id in the transaction, for the statement after it. */
    private static final String NEXT_TASK = "SELECT set_config('albs.next_task',"
            + " COALESCE(albs_next_task(?, ?, ?)::text, ''), true)";

    private final Jdbc jdbc;
    private final PlatformCache platforms;

    public SqlTaskQueue(AgroalDataSource ds, PlatformCache platforms) {
        this.jdbc = new Jdbc(ds);
        this.platforms = platforms;
    }

    @Override
    public Optional<BuildTask> lockNext(Collection<String> arches, List<String> excluded, Instant now) {
        // albs_next_task (migration V5) probes expired leases, then owners in fair-share order, and locks one row.
        // What the node will need is read by a second statement, sent in the same exchange and kept for claim(): a
        // statement that called the function and read the row itself would read it as of the moment it began, not
        // as the function found it (the function's statements take snapshots of their own, later), and could hand
        // out a task without the SRPM that arrived meanwhile. The row is locked, so none of it changes afterwards.
        JdbcTransactions.Tx tx = JdbcTransactions.transaction();
        return first(jdbc.queryLast(NEXT_TASK + ";\nSELECT " + COLUMNS + PAYLOAD + " FROM build_tasks t"
                        + PAYLOAD_JOINS + " WHERE t.id = NULLIF(current_setting('albs.next_task'), '')::bigint",
                p -> p.texts(arches).texts(patterns(excluded)).time(now), rs -> {
                    if (tx != null) {
                        tx.keep(new Prefetched(rs.getLong(1)), assignment(rs));
                    }
                    return task(rs);
                }));
    }

    @Override
    public Optional<BuildTask> lock(long taskId) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM build_tasks t WHERE t.id = ? FOR UPDATE",
                p -> p.lng(taskId), SqlTaskQueue::task));
    }

    @Override
    public List<BuildTask> lockIdle(long buildId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM build_tasks t WHERE t.build_id = ? AND t.status = 0"
                + " ORDER BY t.id FOR UPDATE", p -> p.lng(buildId), SqlTaskQueue::task);
    }

    @Override
    public List<BuildTask> lockIdleSiblings(long refId, long platformId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM build_tasks t WHERE t.ref_id = ? AND t.platform_id = ?"
                + " AND t.status = 0 ORDER BY t.id FOR UPDATE", p -> p.lng(refId).lng(platformId), SqlTaskQueue::task);
    }

    @Override
    public List<BuildTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM build_tasks t"
                        + " WHERE t.status = 1 AND t.lease_expires_at <= ? AND t.attempt >= ?"
                        + " ORDER BY t.lease_expires_at LIMIT ? FOR UPDATE OF t SKIP LOCKED",
                p -> p.time(now).integer(maxAttempts).integer(limit), SqlTaskQueue::task);
    }

    @Override
    public void save(BuildTask.Change change) {
        BuildTask t = change.task();
        TaskHistoryEntry e = change.entry();
        boolean claimed = e.event() == TaskEvent.CLAIM || e.event() == TaskEvent.RECLAIM;
        boolean restart = e.event() == TaskEvent.RESTART;
        int inserted = jdbc.update("""
                WITH u AS (
                    UPDATE build_tasks SET status = ?, lease_holder = ?, lease_expires_at = ?, attempt = ?,
                           error = ?, started_at = ?, finished_at = ?, built_srpm_url = ?,
                           srpm_hash = CASE WHEN ?::text IS NULL THEN NULL ELSE srpm_hash END,
                           pending_deps = CASE WHEN ? THEN 0 ELSE pending_deps END,
                           ts = CASE WHEN ? THEN ?::timestamp WHEN ? THEN NULL ELSE ts END
                     WHERE id = ? RETURNING id)
                INSERT INTO build_task_history (build_task_id, at, event, status, node_user_id, attempt, reason)
                SELECT id, ?, ?, ?, ?, ?, ? FROM u""",
                p -> p.integer(t.status().code())
                        .lng(t.lease() == null ? null : t.lease().holder().value())
                        .time(t.lease() == null ? null : t.lease().expiresAt())
                        .integer(t.attempt()).str(t.error()).time(t.startedAt()).time(t.finishedAt())
                        .str(t.builtSrpmUrl()).str(t.builtSrpmUrl())
                        .bool(restart).bool(claimed).time(e.at()).bool(restart)
                        .lng(t.id())
                        .time(e.at()).str(e.event().name()).integer(t.status().code())
                        .lng(e.node() == null ? null : e.node().value()).integer(e.attempt()).str(e.reason()));
        if (inserted != 1) {
            throw new IllegalStateException("build task " + t.id() + " vanished while being saved");
        }
    }

    @Override
    public void releaseDependants(BuildTask finished) {
        // albs_release_dependants (migration V7), shared with the report function
        jdbc.call("SELECT albs_release_dependants(?, ?)", p -> p.lng(finished.id()).bool(finished.startedAt() != null));
    }

    @Override
    public void addDependencies(List<long[]> dependencies) {
        for (long[] d : dependencies) {
            jdbc.update("""
                    WITH added AS (
                        INSERT INTO build_task_dependency (build_task_id, build_task_dependency)
                        VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING build_task_id)
                    UPDATE build_tasks SET pending_deps = pending_deps + 1
                     WHERE id IN (SELECT build_task_id FROM added)""", p -> p.lng(d[0]).lng(d[1]));
        }
    }

    @Override
    public int renewLeases(UserId holder, Collection<Long> taskIds, Instant now, Instant expiresAt) {
        return jdbc.update("UPDATE build_tasks SET ts = ?, lease_expires_at = ?"
                        + " WHERE id = ANY (?) AND status = 1 AND lease_holder = ?",
                p -> p.time(now).time(expiresAt).longs(taskIds).lng(holder.value()));
    }

    @Override
    public TaskAssignment claim(BuildTask.Change change) {
        BuildTask t = change.task();
        TaskHistoryEntry e = change.entry();
        Jdbc.Binder write = p -> p.integer(t.status().code()).lng(t.lease().holder().value())
                .time(t.lease().expiresAt()).integer(t.attempt()).time(t.startedAt()).time(e.at()).lng(t.id())
                .time(e.at()).str(e.event().name()).integer(t.status().code())
                .lng(e.node().value()).integer(e.attempt()).str(e.reason());
        JdbcTransactions.Tx tx = JdbcTransactions.transaction();
        if (tx != null && tx.kept(new Prefetched(t.id())) instanceof TaskAssignment prefetched) {
            // get_task: lockNext read the payload; the write goes out with the COMMIT
            jdbc.writeBehind(CLAIM_UPDATE + "\n" + CLAIM_HISTORY, write);
            return prefetched;
        }
        // Saves the claim, appends the history entry and reads the payload in one round trip. The final SELECT sees
        // build_tasks as before the UPDATE, which changes none of the columns it reads.
        return jdbc.query(CLAIM_UPDATE + ",\nh AS (" + CLAIM_HISTORY + ")\nSELECT " + COLUMNS + PAYLOAD
                                + " FROM u JOIN build_tasks t ON t.id = u.id" + PAYLOAD_JOINS, write,
                        this::assignment).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("build task " + t.id() + " vanished while claimed"));
    }

    /** Key of the payload lockNext read for a task, kept in the transaction. */
    private record Prefetched(long taskId) {
    }

    /** From a row of {@link #COLUMNS} followed by {@link #PAYLOAD}. */
    private TaskAssignment assignment(ResultSet rs) throws SQLException {
        List<Long> linked = new ArrayList<>();
        String csv = rs.getString(28);
        if (csv != null) {
            for (String id : csv.split(",")) {
                linked.add(Long.parseLong(id));
            }
        }
        BuildTaskRef ref = new BuildTaskRef(rs.getString(21), rs.getString(22),
                RefType.ofCode(rs.getInt(23)).orElse(RefType.GIT_BRANCH), rs.getString(24), null, null);
        return new TaskAssignment(rs.getLong(1), rs.getLong(2), rs.getString(7), ref,
                platforms.get(rs.getLong(3), rs.getLong(29)), rs.getString(26), rs.getString(27),
                Json.map(rs.getString(25)), Json.map(rs.getString(16)), rs.getBoolean(17),
                rs.getString(15), rs.getString(18), rs.getString(19), rs.getBoolean(20), linked);
    }

    private static List<String> patterns(List<String> excluded) {
        return excluded.stream()
                .map(e -> "%" + e.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toList();
    }

    private static Optional<BuildTask> first(List<BuildTask> tasks) {
        return tasks.stream().findFirst();
    }

    static BuildTask task(ResultSet rs) throws SQLException {
        Long holder = Jdbc.getLong(rs, 9);
        Instant expires = Jdbc.getInstant(rs, 10);
        return new BuildTask(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), new UserId(rs.getLong(5)),
                rs.getInt(6), rs.getString(7), BuildTaskStatus.ofCode(rs.getInt(8)),
                holder == null || expires == null ? null : new Lease(new UserId(holder), expires),
                rs.getInt(11), rs.getString(12), Jdbc.getInstant(rs, 13), Jdbc.getInstant(rs, 14), rs.getString(15));
    }
}
