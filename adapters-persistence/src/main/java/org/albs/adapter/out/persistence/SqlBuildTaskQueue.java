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
import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskCriteria;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.CasFacts;
import org.albs.domain.builds.RefType;
import org.albs.domain.builds.Srpm;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkState;

/**
 * Build tasks on the lease queue ({@link SqlLeaseTable}), and the one SQL home of the two rules a build-task claim
 * needs inside its query:
 * <ul>
 * <li><b>readiness</b>: a task is ready when it is idle and waits for no unfinished dependency
 * ({@code pending_deps = 0}, kept by {@link #releaseDependants} and {@link #addDependencies}); the partial index
 * {@code build_tasks_ready_idx} holds exactly the ready rows;</li>
 * <li><b>fair share</b>: owners with ready tasks (found by a loose index scan of that index) take turns, the owner
 * with the fewest tasks in flight (started with a live lease) first, ties to the owner whose oldest ready task is
 * oldest; FIFO by id within an owner (ids follow upstream's planning order).</li>
 * </ul>
 * A claim is one statement: expired leases first (the queue's rule), then the fair-share turn, each probe an
 * indexed {@code … LIMIT n FOR UPDATE SKIP LOCKED} that only runs when the one before found nothing, and the
 * payload read from the locked rows. The in-memory twin follows these rules through the shared contract tests.
 */
@ApplicationScoped
public class SqlBuildTaskQueue implements BuildTaskQueue {
    private static final String OWN_COLUMNS = "build_id, platform_id, ref_id, owner_id, index, arch, built_srpm_url,"
            + " srpm_hash, alma_commit_cas_hash, is_cas_authenticated";
    /** What a claim reads of the locked rows besides the task itself. */
    private static final String CLAIM_EXTRAS = ", t.mock_options, t.is_secure_boot";
    private static final int IDLE = BuildTaskStatus.IDLE.code();
    private static final int STARTED = BuildTaskStatus.STARTED.code();

    private static final SqlLeaseTable.Kind<BuildTask, BuildTaskStatus> KIND = new SqlLeaseTable.Kind<>() {
        @Override
        public String table() {
            return "build_tasks";
        }

        @Override
        public String historyTable() {
            return "build_task_history";
        }

        @Override
        public String historyKey() {
            return "build_task_id";
        }

        @Override
        public Lifecycle<BuildTaskStatus> lifecycle() {
            return BuildTask.LIFECYCLE;
        }

        @Override
        public BuildTaskStatus status(int code) {
            return BuildTaskStatus.ofCode(code);
        }

        @Override
        public String ownColumns() {
            return OWN_COLUMNS;
        }

        @Override
        public BuildTask read(WorkState<BuildTaskStatus> state, ResultSet rs, int c) throws SQLException {
            String srpmUrl = rs.getString(c + 6);
            return new BuildTask(state, rs.getLong(c), rs.getLong(c + 1), rs.getLong(c + 2),
                    new UserId(rs.getLong(c + 3)), rs.getInt(c + 4), rs.getString(c + 5),
                    srpmUrl == null ? null : new Srpm(srpmUrl, rs.getString(c + 7)),
                    new CasFacts(rs.getString(c + 8), rs.getBoolean(c + 9)));
        }

        @Override
        public String ownWrites() {
            return "built_srpm_url = :srpm_url, srpm_hash = :srpm_hash, alma_commit_cas_hash = :cas_hash,"
                    + " is_cas_authenticated = :cas_authenticated";
        }

        @Override
        public void bindOwn(BuildTask task, Jdbc.Args args) {
            args.str("srpm_url", task.builtSrpmUrl()).str("srpm_hash", task.srpm() == null ? null : task.srpm().hash())
                    .str("cas_hash", task.cas().almaCommitCasHash()).bool("cas_authenticated", task.cas().authenticated());
        }
    };

    /** What a node needs besides the task (see {@link #assignment}), joined to the locked rows. */
    private static final String PAYLOAD = ", c.mock_options, c.is_secure_boot, r.url, r.git_ref, r.ref_type,"
            + " r.git_commit_hash, b.mock_options,"
            + " o.username, o.email, (SELECT string_agg(d.build_dependency::text, ',' ORDER BY d.build_dependency)"
            + " FROM build_dependency d WHERE d.build_id = b.id),"
            + " (SELECT p.version FROM platforms p WHERE p.id = c.platform_id),"
            // the build's own repositories, then its linked builds', on the task's platform (nodes get those of
            // their arch after the platform's)
            + " (SELECT json_agg(json_build_array(r.name, r.url, r.arch, r.priority, r.mock_enabled)"
            + " ORDER BY br.build_id <> c.build_id, br.build_id, br.position)"
            + " FROM build_repository br JOIN repositories r ON r.id = br.repository_id"
            + " WHERE (br.build_id = c.build_id OR br.build_id IN (SELECT d.build_dependency FROM build_dependency d"
            + " WHERE d.build_id = c.build_id)) AND r.platform_id = c.platform_id AND r.type = 'rpm'),"
            // the build's flavours: each one's data and its repositories of every arch, in link order
            + " (SELECT json_agg(json_build_array(f.data, (SELECT json_agg(json_build_array(fr_r.name, fr_r.url,"
            + " fr_r.arch, fr_r.priority, fr_r.mock_enabled) ORDER BY fr.position) FROM platform_flavour_repository fr"
            + " JOIN repositories fr_r ON fr_r.id = fr.repository_id WHERE fr.flavour_id = f.id)) ORDER BY f.id)"
            + " FROM build_platform_flavour bf JOIN platform_flavours f ON f.id = bf.flavour_id"
            + " WHERE bf.build_id = c.build_id)"
            + " FROM claimable c JOIN build_task_refs r ON r.id = c.ref_id JOIN builds b ON b.id = c.build_id"
            + " JOIN users o ON o.id = b.owner_id";

    private final Jdbc jdbc;
    private final SqlLeaseTable<BuildTask, BuildTaskStatus> table;
    private final PlatformCache platforms;
    private final String claimWithout;
    private final String claimWithExclusions;

    public SqlBuildTaskQueue(AgroalDataSource ds, PlatformCache platforms) {
        this.jdbc = new Jdbc(ds);
        this.table = new SqlLeaseTable<>(jdbc, KIND);
        this.platforms = platforms;
        this.claimWithout = claim(false);
        this.claimWithExclusions = claim(true);
    }

    /** The build task kind's table, for the adapters that write tasks together with other rows. */
    SqlLeaseTable<BuildTask, BuildTaskStatus> table() {
        return table;
    }

    /** The node's arches, and no excluded package: ILIKE patterns on the ref URL (case-insensitive substrings). */
    private static String eligibility(boolean exclusions) {
        return "t.arch = ANY (:arches)" + (exclusions ? " AND NOT EXISTS (SELECT 1 FROM build_task_refs x"
                + " WHERE x.id = t.ref_id AND x.url ILIKE ANY (:patterns))" : "");
    }

    private String claim(boolean exclusions) {
        String ready = "t.status = " + IDLE + " AND t.pending_deps = 0";
        return "WITH expired AS (" + table.expiredForClaim(eligibility(exclusions), CLAIM_EXTRAS) + "),\n"
                + "waiting AS (WITH RECURSIVE owners(owner_id) AS (\n"
                + "    (SELECT t.owner_id FROM build_tasks t WHERE " + ready + " ORDER BY t.owner_id LIMIT 1)\n"
                + "    UNION ALL\n"
                + "    SELECT (SELECT t.owner_id FROM build_tasks t WHERE " + ready + " AND t.owner_id > o.owner_id"
                + " ORDER BY t.owner_id LIMIT 1) FROM owners o WHERE o.owner_id IS NOT NULL),\n"
                + "  turns AS MATERIALIZED (SELECT o.owner_id FROM owners o WHERE o.owner_id IS NOT NULL ORDER BY\n"
                + "    (SELECT count(*) FROM build_tasks t WHERE t.status = " + STARTED + " AND t.owner_id = o.owner_id"
                + " AND t.lease_expires_at > :now),\n"
                + "    (SELECT min(t.id) FROM build_tasks t WHERE " + ready + " AND t.owner_id = o.owner_id))\n"
                + "  SELECT n.* FROM turns CROSS JOIN LATERAL (SELECT " + table.columns("t") + CLAIM_EXTRAS
                + " FROM build_tasks t WHERE t.owner_id = turns.owner_id AND " + ready + " AND "
                + eligibility(exclusions) + " ORDER BY t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED) n),\n"
                + "claimable AS (SELECT * FROM expired UNION ALL SELECT * FROM waiting LIMIT :limit)\n"
                + "SELECT " + table.columns("c") + PAYLOAD;
    }

    @Override
    public List<Offer<BuildTask, TaskAssignment>> lockClaimable(TaskCriteria criteria, Instant now, int limit) {
        boolean exclusions = !criteria.excludedPackages().isEmpty();
        Jdbc.Args args = new Jdbc.Args().time("now", now).integer("limit", limit).texts("arches", criteria.arches());
        if (exclusions) {
            args.texts("patterns", criteria.excludedPackages().stream()
                    .map(e -> "%" + e.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%").toList());
        }
        return jdbc.query(exclusions ? claimWithExclusions : claimWithout, args, rs -> {
            BuildTask task = table.read(rs);
            return new Offer<>(task, assignment(task, rs));
        });
    }

    /** From a claim row: the task's columns, then {@link #PAYLOAD}'s. */
    private TaskAssignment assignment(BuildTask task, ResultSet rs) throws SQLException {
        int c = table.columnCount() + 1;
        List<Long> linked = new ArrayList<>();
        String csv = rs.getString(c + 9);
        if (csv != null) {
            for (String id : csv.split(",")) {
                linked.add(Long.parseLong(id));
            }
        }
        BuildTaskRef ref = new BuildTaskRef(rs.getString(c + 2), rs.getString(c + 3),
                RefType.ofCode(rs.getInt(c + 4)).orElse(RefType.GIT_BRANCH), rs.getString(c + 5), null, null);
        List<TaskAssignment.Flavour> flavours = new ArrayList<>();
        for (Object row : Json.list(rs.getString(c + 12))) {
            List<?> f = (List<?>) row;
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> data = (java.util.Map<String, Object>) f.get(0);
            flavours.add(new TaskAssignment.Flavour(data, repos(f.get(1))));
        }
        return new TaskAssignment(ref, platforms.get(task.platformId(), rs.getLong(c + 10)), rs.getString(c + 7),
                rs.getString(c + 8), Json.map(rs.getString(c + 6)), Json.map(rs.getString(c)), rs.getBoolean(c + 1),
                linked, repos(Json.list(rs.getString(c + 11))), flavours);
    }

    /** Repositories as {@code json_build_array(name, url, arch, priority, mock_enabled)} rows. */
    private static List<TaskAssignment.BuildRepo> repos(Object rows) {
        List<TaskAssignment.BuildRepo> repos = new ArrayList<>();
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                List<?> r = (List<?>) row;
                repos.add(new TaskAssignment.BuildRepo((String) r.get(0), (String) r.get(1), (String) r.get(2),
                        ((Number) r.get(3)).intValue(), !Boolean.FALSE.equals(r.get(4))));
            }
        }
        return repos;
    }

    @Override
    public Optional<BuildTask> lock(long id) {
        return table.lock(id);
    }

    @Override
    public List<BuildTask> lockLeased(Collection<Long> ids) {
        return table.lockLeased(ids);
    }

    @Override
    public List<BuildTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return table.lockExhausted(now, maxAttempts, limit);
    }

    @Override
    public void save(Change<BuildTask> change) {
        table.saveAll(List.of(change));
    }

    @Override
    public void saveLeases(List<BuildTask> renewed) {
        table.saveLeases(renewed);
    }

    @Override
    public List<BuildTask> lockIdle(long buildId) {
        return table.lockWhere("t.build_id = :build AND t.status = " + IDLE, new Jdbc.Args().lng("build", buildId));
    }

    @Override
    public List<BuildTask> lockIdleSiblings(long refId, long platformId) {
        return table.lockWhere("t.ref_id = :ref AND t.platform_id = :platform AND t.status = " + IDLE,
                new Jdbc.Args().lng("ref", refId).lng("platform", platformId));
    }

    @Override
    public void releaseDependants(BuildTask ended) {
        jdbc.run(release(ended));
    }

    /**
     * The dependency release, the other half of the readiness rule: the ended task's dependants stop waiting for
     * it; one that ended without running (cancelled, fast-failed) first hands its own unfinished dependencies on
     * to its dependants (counted once), and waits for nothing itself any more. Primary-key lookups only
     * ({@code ARRAY(...)} keeps the planner off hash joins).
     */
    static List<Jdbc.Statement> release(BuildTask ended) {
        Jdbc.Args task = new Jdbc.Args().lng("task", ended.id());
        List<Jdbc.Statement> statements = new ArrayList<>();
        // every statement binds only :task, so they share the arguments
        if (ended.endedWithoutRunning()) {
            statements.add(new Jdbc.Statement("""
                    WITH inherited AS (
                        INSERT INTO build_task_dependency (build_task_id, build_task_dependency)
                        SELECT d.build_task_id, x.build_task_dependency
                          FROM build_task_dependency d
                          JOIN build_task_dependency x ON x.build_task_id = d.build_task_dependency
                         WHERE d.build_task_dependency = :task
                        ON CONFLICT DO NOTHING
                        RETURNING build_task_id)
                    UPDATE build_tasks SET pending_deps = pending_deps + i.n
                      FROM (SELECT build_task_id, count(*) AS n FROM inherited GROUP BY build_task_id) i
                     WHERE build_tasks.id = i.build_task_id""", task));
            statements.add(new Jdbc.Statement("""
                    WITH own AS (DELETE FROM build_task_dependency WHERE build_task_id = :task RETURNING 1)
                    UPDATE build_tasks SET pending_deps = 0 WHERE id = :task AND pending_deps <> 0""", task));
        }
        statements.add(new Jdbc.Statement("""
                WITH d AS (DELETE FROM build_task_dependency WHERE build_task_dependency = :task
                           RETURNING build_task_id)
                UPDATE build_tasks SET pending_deps = pending_deps - 1
                 WHERE id = ANY (ARRAY(SELECT build_task_id FROM d))""", task));
        return statements;
    }

    @Override
    public void repositoriesReady(long buildId) {
        jdbc.update("UPDATE build_tasks SET pending_deps = pending_deps - 1 WHERE build_id = :build AND status = "
                + IDLE + " AND pending_deps > 0", new Jdbc.Args().lng("build", buildId));
    }

    @Override
    public void addDependencies(List<long[]> dependencies) {
        List<Jdbc.Statement> statements = new ArrayList<>();
        for (long[] d : dependencies) {
            statements.add(new Jdbc.Statement("""
                    WITH added AS (
                        INSERT INTO build_task_dependency (build_task_id, build_task_dependency)
                        VALUES (:task, :depends_on) ON CONFLICT DO NOTHING RETURNING build_task_id)
                    UPDATE build_tasks SET pending_deps = pending_deps + 1
                     WHERE id IN (SELECT build_task_id FROM added)""",
                    new Jdbc.Args().lng("task", d[0]).lng("depends_on", d[1])));
        }
        if (!statements.isEmpty()) {
            jdbc.run(statements);
        }
    }
}
