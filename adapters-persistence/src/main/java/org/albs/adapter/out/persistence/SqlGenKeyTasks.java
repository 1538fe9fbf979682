package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkState;
import org.albs.domain.signing.GenKeyTask;
import org.albs.domain.signing.SignTaskStatus;

/**
 * Key-generation tasks on the lease queue ({@link SqlLeaseTable}): any node takes any task, expired leases first,
 * then the oldest waiting task; both probes are partial-index look-ups, so a claim that finds nothing is cheap.
 */
@ApplicationScoped
public class SqlGenKeyTasks implements GenKeyTasks {
    private static final String WAITING = SqlLeaseTable.codes(GenKeyTask.LIFECYCLE, LeasePhase.WAITING);

    private static final SqlLeaseTable.Kind<GenKeyTask, SignTaskStatus> KIND = new SqlLeaseTable.Kind<>() {
        @Override
        public String table() {
            return "gen_key_tasks";
        }

        @Override
        public String historyTable() {
            return "gen_key_task_history";
        }

        @Override
        public String historyKey() {
            return "gen_key_task_id";
        }

        @Override
        public Lifecycle<SignTaskStatus> lifecycle() {
            return GenKeyTask.LIFECYCLE;
        }

        @Override
        public SignTaskStatus status(int code) {
            return SignTaskStatus.ofCode(code);
        }

        @Override
        public String ownColumns() {
            return "user_name, user_email, product_name, owner_id";
        }

        @Override
        public GenKeyTask read(WorkState<SignTaskStatus> state, ResultSet rs, int c) throws SQLException {
            Long owner = Jdbc.getLong(rs, c + 3);
            return new GenKeyTask(state, rs.getString(c), rs.getString(c + 1), rs.getString(c + 2),
                    owner == null ? null : new UserId(owner));
        }

        @Override
        public String ownWrites() {
            return "";
        }

        @Override
        public void bindOwn(GenKeyTask item, Jdbc.Args args) {
        }
    };

    private final Jdbc jdbc;
    private final SqlLeaseTable<GenKeyTask, SignTaskStatus> table;
    private final String claim;

    public SqlGenKeyTasks(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
        this.table = new SqlLeaseTable<>(jdbc, KIND);
        this.claim = "WITH expired AS (" + table.expiredForClaim("TRUE", "") + "),\n"
                + "waiting AS (SELECT " + table.columns("t") + " FROM gen_key_tasks t WHERE t.status IN (" + WAITING
                + ") ORDER BY t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED)\n"
                + "SELECT * FROM expired UNION ALL SELECT * FROM waiting LIMIT :limit";
    }

    @Override
    public List<Offer<GenKeyTask, GenKeyTask>> lockClaimable(AnyNode criteria, Instant now, int limit) {
        return jdbc.query(claim, new Jdbc.Args().time("now", now).integer("limit", limit), rs -> {
            GenKeyTask t = table.read(rs);
            return new Offer<>(t, t);
        });
    }

    @Override
    public Optional<GenKeyTask> lock(long id) {
        return table.lock(id);
    }

    @Override
    public List<GenKeyTask> lockLeased(Collection<Long> ids) {
        return table.lockLeased(ids);
    }

    @Override
    public List<GenKeyTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return table.lockExhausted(now, maxAttempts, limit);
    }

    @Override
    public void save(Change<GenKeyTask> change) {
        table.saveAll(List.of(change));
    }

    @Override
    public void saveLeases(List<GenKeyTask> renewed) {
        table.saveLeases(renewed);
    }

    @Override
    public long insert(GenKeyTask task) {
        return jdbc.query("INSERT INTO gen_key_tasks (user_name, user_email, product_name, owner_id, status,"
                        + " created_at) VALUES (:user, :email, :product, :owner, :status, now() AT TIME ZONE 'UTC')"
                        + " RETURNING id", new Jdbc.Args().str("user", task.userName()).str("email", task.userEmail())
                        .str("product", task.productName()).lng("owner", task.owner() == null ? null
                                : task.owner().value()).integer("status", task.status().code()),
                rs -> rs.getLong(1)).get(0);
    }

    @Override
    public Optional<GenKeyTask> find(long id) {
        return jdbc.query("SELECT " + table.columns("t") + " FROM gen_key_tasks t WHERE t.id = :id",
                new Jdbc.Args().lng("id", id), table::read).stream().findFirst();
    }
}
