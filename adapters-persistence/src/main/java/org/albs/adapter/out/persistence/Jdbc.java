package org.albs.adapter.out.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

/**
 * Plain JDBC for the build and queue tables: statements with {@code :named} parameters on the connection of the
 * caller's transaction (inside a transaction the pool hands out the connection enlisted in it), prepared by the
 * driver once per connection and SQL text. Several statements can go out in one exchange with the database
 * ({@link #run}), which the dispatch flows use to write what a node's request changes in one round trip.
 */
final class Jdbc {
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A value of a parameter, with the SQL type a null of it is sent as. */
    private record Value(Object value, int sqlType, String arrayType) {
    }

    /** The parameters of one statement, by name. */
    static final class Args {
        private final Map<String, Value> values = new LinkedHashMap<>();

        Args lng(String name, Long v) {
            return put(name, v, Types.BIGINT);
        }

        Args integer(String name, Integer v) {
            return put(name, v, Types.INTEGER);
        }

        Args bool(String name, boolean v) {
            return put(name, v, Types.BOOLEAN);
        }

        Args str(String name, String v) {
            return put(name, v, Types.VARCHAR);
        }

        /** An instant, stored as a naive UTC timestamp (upstream's convention). */
        Args time(String name, Instant v) {
            return put(name, v == null ? null : Utc.of(v), Types.TIMESTAMP);
        }

        Args texts(String name, Collection<String> v) {
            values.put(name, new Value(v.toArray(), Types.ARRAY, "text"));
            return this;
        }

        Args ints(String name, Collection<Integer> v) {
            values.put(name, new Value(v.toArray(), Types.ARRAY, "integer"));
            return this;
        }

        Args longs(String name, Collection<Long> v) {
            values.put(name, new Value(v.toArray(), Types.ARRAY, "bigint"));
            return this;
        }

        private Args put(String name, Object v, int sqlType) {
            values.put(name, new Value(v, sqlType, null));
            return this;
        }
    }

    /** One statement and its arguments, to be run alone or with others in one exchange. */
    record Statement(String sql, Args args) {
        Statement(String sql) {
            this(sql, new Args());
        }
    }

    /** A statement's SQL with {@code :name} turned into {@code ?}, the names in order, how many distinct. */
    private record Parsed(String sql, List<String> names, int distinct) {
    }

    private final DataSource ds;

    Jdbc(DataSource ds) {
        this.ds = ds;
    }

    <T> List<T> query(String sql, Args args, RowMapper<T> mapper) {
        return withConnection(c -> {
            try (PreparedStatement st = prepare(c, List.of(new Statement(sql, args)))) {
                try (ResultSet rs = st.executeQuery()) {
                    return rows(rs, mapper);
                }
            }
        });
    }

    int update(String sql, Args args) {
        return run(List.of(new Statement(sql, args))).get(0);
    }

    /** What a run of statements did: each one's update count (-1 for a query), and the rows of the last query. */
    record Ran<T>(List<Integer> counts, List<T> rows) {
    }

    /**
     * Runs the statements in one exchange with the database, in order (each takes its own snapshot when it runs, so
     * each sees what the ones before it did). Returns each statement's update count (-1 for a query).
     */
    List<Integer> run(List<Statement> statements) {
        return run(statements, rs -> null).counts();
    }

    /** Like {@link #run(List)}, also mapping the rows of the last statement that returned rows. */
    <T> Ran<T> run(List<Statement> statements, RowMapper<T> mapper) {
        return withConnection(c -> {
            try (PreparedStatement st = prepare(c, statements)) {
                List<Integer> counts = new ArrayList<>();
                List<T> rows = List.of();
                boolean isQuery = st.execute();
                while (isQuery || st.getUpdateCount() != -1) {
                    if (isQuery) {
                        counts.add(-1);
                        try (ResultSet rs = st.getResultSet()) {
                            rows = rows(rs, mapper);
                        }
                    } else {
                        counts.add(st.getUpdateCount());
                    }
                    isQuery = st.getMoreResults();
                }
                return new Ran<>(counts, rows);
            }
        });
    }

    private static PreparedStatement prepare(Connection c, List<Statement> statements) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Value> values = new ArrayList<>();
        for (Statement s : statements) {
            Parsed parsed = PARSED.computeIfAbsent(s.sql(), Jdbc::parse);
            sql.append(sql.length() == 0 ? "" : ";\n").append(parsed.sql());
            for (String name : parsed.names()) {
                Value v = s.args().values.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("no value for :" + name + " in " + s.sql());
                }
                values.add(v);
            }
            if (s.args().values.size() != parsed.distinct()) {
                throw new IllegalArgumentException("unused arguments " + s.args().values.keySet() + " for "
                        + s.sql());
            }
        }
        PreparedStatement st = c.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < values.size(); i++) {
                Value v = values.get(i);
                if (v.arrayType() != null) {
                    st.setArray(i + 1, c.createArrayOf(v.arrayType(), (Object[]) v.value()));
                } else if (v.value() == null) {
                    st.setNull(i + 1, v.sqlType());
                } else {
                    st.setObject(i + 1, v.value());
                }
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /** {@code :name} (a letter or underscore after one colon) becomes {@code ?}; {@code ::type} casts stay. */
    private static Parsed parse(String named) {
        StringBuilder sql = new StringBuilder(named.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < named.length()) {
            char ch = named.charAt(i);
            if (ch == '\'') {
                int end = named.indexOf('\'', i + 1);
                sql.append(named, i, end + 1);
                i = end + 1;
            } else if (ch == ':' && i + 1 < named.length() && named.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < named.length()
                    && (Character.isLetter(named.charAt(i + 1)) || named.charAt(i + 1) == '_')) {
                int end = i + 1;
                while (end < named.length()
                        && (Character.isLetterOrDigit(named.charAt(end)) || named.charAt(end) == '_')) {
                    end++;
                }
                names.add(named.substring(i + 1, end));
                sql.append('?');
                i = end;
            } else {
                sql.append(ch);
                i++;
            }
        }
        return new Parsed(sql.toString(), List.copyOf(names), new java.util.HashSet<>(names).size());
    }

    private static <T> List<T> rows(ResultSet rs, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(mapper.map(rs));
        }
        return rows;
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static Long getLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Instant getInstant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, (Calendar) UTC.clone());
        return t == null ? null : t.toInstant();
    }

    /** An SQL failure; the cause keeps its SQLState so the transaction runner can retry deadlocks. */
    static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
