package org.albs.adapter.out.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

/**
 * Plain JDBC for the dispatch hot path: the transaction's own connection (Agroal hands the enlisted one out
 * again), statements that pgjdbc turns into server-side prepared statements after a few uses, no per-call SQL
 * parsing. Hibernate stays for the rest of the persistence adapter.
 */
final class Jdbc {
    @FunctionalInterface
    interface Binder {
        void bind(Params p) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Positional parameters with null handling and the types this schema uses. */
    static final class Params {
        private final PreparedStatement st;
        private final Connection connection;
        private int index;

        Params(PreparedStatement st, Connection connection) {
            this.st = st;
            this.connection = connection;
        }

        Params lng(Long v) throws SQLException {
            if (v == null) {
                st.setNull(++index, Types.BIGINT);
            } else {
                st.setLong(++index, v);
            }
            return this;
        }

        Params integer(int v) throws SQLException {
            st.setInt(++index, v);
            return this;
        }

        Params bool(boolean v) throws SQLException {
            st.setBoolean(++index, v);
            return this;
        }

        Params str(String v) throws SQLException {
            if (v == null) {
                st.setNull(++index, Types.VARCHAR);
            } else {
                st.setString(++index, v);
            }
            return this;
        }

        Params time(Instant v) throws SQLException {
            if (v == null) {
                st.setNull(++index, Types.TIMESTAMP);
            } else {
                st.setObject(++index, Utc.of(v));
            }
            return this;
        }

        Params texts(Collection<String> values) throws SQLException {
            Array array = connection.createArrayOf("text", values.toArray());
            st.setArray(++index, array);
            return this;
        }

        Params longs(Collection<Long> values) throws SQLException {
            Array array = connection.createArrayOf("bigint", values.toArray());
            st.setArray(++index, array);
            return this;
        }
    }

    private final DataSource ds;

    Jdbc(DataSource ds) {
        this.ds = ds;
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                binder.bind(new Params(st, c));
                try (ResultSet rs = st.executeQuery()) {
                    return rows(rs, mapper);
                }
            }
        });
    }

    /**
     * Several statements separated by ';', sent in one exchange: the rows of the last one. Each statement takes its
     * own snapshot when it runs (READ COMMITTED), so the last one sees what the ones before it did and waited for.
     */
    <T> List<T> queryLast(String sql, Binder binder, RowMapper<T> mapper) {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                binder.bind(new Params(st, c));
                st.execute();
                ResultSet rs = st.getResultSet();
                while (st.getMoreResults(Statement.KEEP_CURRENT_RESULT)) {
                    rs.close();
                    rs = st.getResultSet();
                }
                try (ResultSet last = rs) {
                    return rows(last, mapper);
                }
            }
        });
    }

    private static <T> List<T> rows(ResultSet rs, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(mapper.map(rs));
        }
        return rows;
    }

    int update(String sql, Binder binder) {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                binder.bind(new Params(st, c));
                return st.executeUpdate();
            }
        });
    }

    /** Calls a function returning void (a {@code SELECT f(...)}), discarding its row. */
    void call(String sql, Binder binder) {
        query(sql, binder, rs -> null);
    }

    /**
     * A write whose result is not needed: inside a {@link JdbcTransactions} transaction it is held back and sent
     * with the next statement or with the COMMIT (see there); elsewhere it runs at once.
     */
    void writeBehind(String sql, Binder binder) {
        JdbcTransactions.Tx tx = JdbcTransactions.transaction();
        if (tx != null) {
            tx.writeBehind(sql, binder);
            return;
        }
        withConnection(c -> execute(c, sql, binder));
    }

    /** Prepares, binds and executes one statement (or several separated by ';') on the connection. */
    static boolean execute(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(new Params(st, c));
            return st.execute();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * On the thread's {@link JdbcTransactions} connection when there is one; else a pooled connection, which is the
     * JTA transaction's own when one is active (Agroal enlists it) and autocommit otherwise.
     */
    private <T> T withConnection(Work<T> work) {
        try {
            Connection tx = JdbcTransactions.current();
            if (tx != null) {
                return work.apply(tx);
            }
            try (Connection c = ds.getConnection()) {
                return work.apply(c);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static Long getLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Instant getInstant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
        return t == null ? null : t.toInstant();
    }

    /** An SQL failure; the cause keeps its SQLState so the transaction runner can retry deadlocks. */
    static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
