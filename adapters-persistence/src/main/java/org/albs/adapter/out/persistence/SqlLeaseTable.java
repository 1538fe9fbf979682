package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.albs.domain.identity.UserId;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.Lease;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.Leased;
import org.albs.domain.lease.Lifecycle;
import org.albs.domain.lease.WorkState;
import org.albs.domain.lease.WorkStatus;

/**
 * The lease queue in PostgreSQL, the same SQL for every kind of leased work: each kind has a table with the lease
 * columns ({@link #LEASE_COLUMNS}) and a history table, and this class reads, locks and writes them. Claims and the
 * sweeper lock with {@code … ORDER BY … LIMIT n FOR UPDATE SKIP LOCKED} on a partial index of the leased rows; a
 * change is written exactly as the domain computed it, with its history entry, in one statement. Status values are
 * the kind's enum codes, written into the SQL as constants (so the partial indexes, whose predicates use the same
 * codes through Flyway placeholders, apply).
 *
 * @param <W> the kind's items
 * @param <S> the kind's status enum
 */
final class SqlLeaseTable<W extends Leased<W, S>, S extends Enum<S> & WorkStatus> {
    /** The lease columns every kind's table has, in the order {@link #readState} reads them. */
    static final String LEASE_COLUMNS = "id, status, lease_holder, lease_renewed_at, lease_expires_at, attempt, error,"
            + " started_at, finished_at";
    private static final int LEASE_COLUMN_COUNT = 9;

    /** What a kind tells the queue about its table. */
    interface Kind<W, S extends Enum<S> & WorkStatus> {
        String table();

        /** Its history table, and the column there that holds the item's id. */
        String historyTable();

        String historyKey();

        Lifecycle<S> lifecycle();

        S status(int code);

        /** The kind's own columns (qualified with {@code t.}), read after the lease columns. */
        String ownColumns();

        /** An item from its shared state and the kind's own columns, the first at {@code first}. */
        W read(WorkState<S> state, ResultSet rs, int first) throws SQLException;

        /**
         * The {@code column = :name} assignments of what a change may alter of the kind's own columns, and their
         * values for an item; empty when the kind keeps nothing of its own that changes.
         */
        String ownWrites();

        void bindOwn(W item, Jdbc.Args args);
    }

    private final Jdbc jdbc;
    private final Kind<W, S> kind;
    private final int columnCount;
    private final String select;
    private final String leased;
    private final String save;

    SqlLeaseTable(Jdbc jdbc, Kind<W, S> kind) {
        this.jdbc = jdbc;
        this.kind = kind;
        this.columnCount = columns("t").split(",").length;
        this.select = "SELECT " + columns("t") + " FROM " + kind.table() + " t";
        this.leased = "t.status IN (" + codes(kind.lifecycle(), LeasePhase.LEASED) + ")";
        this.save = "WITH u AS (UPDATE " + kind.table() + " SET status = :status, lease_holder = :holder,"
                + " lease_renewed_at = :renewed_at, lease_expires_at = :expires_at, attempt = :attempt,"
                + " error = :error, started_at = :started_at, finished_at = :finished_at"
                + (kind.ownWrites().isEmpty() ? "" : ", " + kind.ownWrites())
                + " WHERE id = :id RETURNING id)\n"
                + "INSERT INTO " + kind.historyTable() + " (" + kind.historyKey()
                + ", at, event, status, actor_user_id, attempt, reason)"
                + " SELECT id, :at, :event, :entry_status, :actor, :entry_attempt, :reason FROM u";
    }

    /** Every column of an item, lease columns first, for {@link #read}, of the table or subquery {@code alias}. */
    String columns(String alias) {
        return (LEASE_COLUMNS + ", " + kind.ownColumns()).replaceAll("(\\w+)", alias + ".$1");
    }

    /** How many columns {@link #columns} lists: what a row holds after them starts at this plus one. */
    int columnCount() {
        return columnCount;
    }

    /** The status codes of a phase of a kind, as SQL constants: {@code 0} or {@code 2, 3}. */
    static <S extends Enum<S> & WorkStatus> String codes(Lifecycle<S> lifecycle, LeasePhase phase) {
        return lifecycle.statuses(phase).stream().map(s -> Integer.toString(s.code()))
                .collect(Collectors.joining(", "));
    }

    /** An item from a row of {@link #columns} (and maybe more after them). */
    W read(ResultSet rs) throws SQLException {
        return kind.read(readState(rs), rs, LEASE_COLUMN_COUNT + 1);
    }

    private WorkState<S> readState(ResultSet rs) throws SQLException {
        Long holder = Jdbc.getLong(rs, 3);
        Lease lease = holder == null ? null
                : new Lease(new UserId(holder), Jdbc.getInstant(rs, 4), Jdbc.getInstant(rs, 5));
        return new WorkState<>(rs.getLong(1), kind.status(rs.getInt(2)), lease, rs.getInt(6), rs.getString(7),
                Jdbc.getInstant(rs, 8), Jdbc.getInstant(rs, 9));
    }

    /**
     * The statement that locks the leased items a claimant may take over, the longest expired first: the queue's
     * half of every kind's claim. {@code eligibility} is the kind's condition on {@code t}, {@code extraColumns}
     * what the kind reads of the rows besides {@link #columns} (", t.x, t.y" or empty); the statement binds
     * {@code :now} and {@code :limit}.
     */
    String expiredForClaim(String eligibility, String extraColumns) {
        return "SELECT " + columns("t") + extraColumns + " FROM " + kind.table() + " t WHERE " + leased + " AND t.lease_expires_at <= :now AND " + eligibility
                + " ORDER BY t.lease_expires_at, t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED";
    }

    Optional<W> lock(long id) {
        return jdbc.query(select + " WHERE t.id = :id FOR UPDATE", new Jdbc.Args().lng("id", id), this::read)
                .stream().findFirst();
    }

    /** Locks rows of the kind's table chosen by {@code where} (a condition on {@code t}), in id order, waiting. */
    List<W> lockWhere(String where, Jdbc.Args args) {
        return jdbc.query(select + " WHERE " + where + " ORDER BY t.id FOR UPDATE", args, this::read);
    }

    List<W> lockLeased(Collection<Long> ids) {
        return jdbc.query(select + " WHERE t.id = ANY (:ids) AND " + leased + " ORDER BY t.id FOR UPDATE SKIP LOCKED",
                new Jdbc.Args().longs("ids", ids), this::read);
    }

    List<W> lockExhausted(Instant now, int maxAttempts, int limit) {
        return jdbc.query(select + " WHERE " + leased + " AND t.lease_expires_at <= :now"
                        + " AND t.attempt >= :max_attempts ORDER BY t.lease_expires_at, t.id LIMIT :limit"
                        + " FOR UPDATE OF t SKIP LOCKED",
                new Jdbc.Args().time("now", now).integer("max_attempts", maxAttempts).integer("limit", limit),
                this::read);
    }

    /** The statement that writes a change and appends its history entry. */
    Jdbc.Statement save(Change<W> change) {
        W item = change.work();
        WorkState<S> s = item.state();
        HistoryEntry e = change.entry();
        Lease lease = s.lease();
        Jdbc.Args args = new Jdbc.Args().lng("id", s.id()).integer("status", s.status().code())
                .lng("holder", lease == null ? null : lease.holder().value())
                .time("renewed_at", lease == null ? null : lease.renewedAt())
                .time("expires_at", lease == null ? null : lease.expiresAt())
                .integer("attempt", s.attempt()).str("error", s.error())
                .time("started_at", s.startedAt()).time("finished_at", s.finishedAt())
                .time("at", e.at()).str("event", e.event().name()).integer("entry_status", e.status().code())
                .lng("actor", e.actor() == null ? null : e.actor().value()).integer("entry_attempt", e.attempt())
                .str("reason", e.reason());
        kind.bindOwn(item, args);
        return new Jdbc.Statement(save, args);
    }

    /** Writes the changes, each with its history entry, in one exchange. */
    void saveAll(List<Change<W>> changes) {
        List<Jdbc.Statement> statements = new ArrayList<>();
        changes.forEach(c -> statements.add(save(c)));
        requireSaved(changes, jdbc.run(statements));
    }

    /** Fails when a change found no row to write (its item was deleted under it). */
    void requireSaved(List<Change<W>> changes, List<Integer> counts) {
        for (int i = 0; i < changes.size(); i++) {
            if (counts.get(i) != 1) {
                throw new IllegalStateException(kind.lifecycle().kind() + " " + changes.get(i).work().id()
                        + " vanished while being saved");
            }
        }
    }

    void saveLeases(List<W> renewed) {
        List<Jdbc.Statement> statements = new ArrayList<>();
        for (W item : renewed) {
            Lease lease = item.state().lease();
            statements.add(new Jdbc.Statement("UPDATE " + kind.table() + " SET lease_renewed_at = :renewed_at,"
                    + " lease_expires_at = :expires_at WHERE id = :id",
                    new Jdbc.Args().time("renewed_at", lease.renewedAt()).time("expires_at", lease.expiresAt())
                            .lng("id", item.id())));
        }
        jdbc.run(statements);
    }
}
