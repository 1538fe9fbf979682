package org.albs.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;

/**
 * Transactions on one pooled connection, begun and committed on the connection itself: the dispatch hot path,
 * whose adapters are plain JDBC ({@link Jdbc} runs every statement on the thread's transaction connection). No JTA
 * bookkeeping per call, which was a sixth of the server's CPU per dispatched task. Hibernate-backed adapters may
 * only read here, and must do it on {@link #current()} (as {@code JpaPlatforms.findById} does): a second pooled
 * connection per request can starve the pool.
 * <p>
 * <b>Write-behind.</b> A write whose result nobody reads ({@link Jdbc#writeBehind}) is held back until the next
 * statement on the connection, which sends it first, or until the work returns, when it goes out together with the
 * {@code COMMIT} in one round trip (one network exchange and one wake-up of the server and of this thread fewer
 * per request; the dispatch flows end with such a write). As with Hibernate's flush at commit, an error of that
 * write surfaces when the work returns, still inside the transaction: everything is rolled back and the caller gets
 * the exception, and a deadlock is retried like any other.
 * <p>
 * Injectable only as this type, so the JTA {@link JtaTransactions} stays the default {@code Transactions}.
 */
@ApplicationScoped
@Typed(JdbcTransactions.class)
public class JdbcTransactions extends RetryingTransactions {
    private static final Logger LOG = Logger.getLogger(JdbcTransactions.class);
    private static final ThreadLocal<Tx> CURRENT = new ThreadLocal<>();

    private final AgroalDataSource ds;

    public JdbcTransactions(AgroalDataSource ds) {
        this.ds = ds;
    }

    /** The calling thread's transaction connection, with any held-back write sent; or null. */
    static Connection current() {
        Tx tx = CURRENT.get();
        if (tx == null) {
            return null;
        }
        tx.flush();
        return tx.connection;
    }

    /** The calling thread's transaction, or null. */
    static Tx transaction() {
        return CURRENT.get();
    }

    @Override
    boolean active() {
        return CURRENT.get() != null;
    }

    @Override
    <T> T once(Supplier<T> work) {
        Connection connection;
        try {
            connection = ds.getConnection();
        } catch (SQLException e) {
            throw noConnection(e);
        }
        try (Connection c = connection) {
            c.setAutoCommit(false);
            Tx tx = new Tx(c);
            CURRENT.set(tx);
            T result;
            try {
                result = work.get();
                tx.flushWithCommit();
            } catch (RuntimeException | Error e) {
                rollback(c);
                throw e;
            } finally {
                CURRENT.remove();
            }
            try {
                c.commit(); // nothing to send when the held-back write carried the COMMIT
            } catch (SQLException e) {
                rollback(c);
                throw new Jdbc.DatabaseException(e);
            } finally {
                c.setAutoCommit(true);
            }
            return result;
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed", e);
        }
    }

    /** One transaction's connection, its held-back write, and what its adapters keep for its length. */
    static final class Tx {
        private final Connection connection;
        private String pendingSql;
        private Jdbc.Binder pendingBinder;
        private Map<Object, Object> kept;

        private Tx(Connection connection) {
            this.connection = connection;
        }

        /** Holds the write back; a write already held back is sent first, so writes keep their order. */
        void writeBehind(String sql, Jdbc.Binder binder) {
            flush();
            pendingSql = sql;
            pendingBinder = binder;
        }

        /** A value an adapter keeps until this transaction ends (e.g. what a locking read fetched for a later write). */
        void keep(Object key, Object value) {
            if (kept == null) {
                kept = new HashMap<>();
            }
            kept.put(key, value);
        }

        Object kept(Object key) {
            return kept == null ? null : kept.get(key);
        }

        private void flush() {
            if (pendingSql != null) {
                send("");
            }
        }

        private void flushWithCommit() {
            if (pendingSql != null) {
                send(";\nCOMMIT");
            }
        }

        private void send(String suffix) {
            String sql = pendingSql + suffix;
            Jdbc.Binder binder = pendingBinder;
            pendingSql = null;
            pendingBinder = null;
            try {
                Jdbc.execute(connection, sql, binder);
            } catch (SQLException e) {
                throw new Jdbc.DatabaseException(e);
            }
        }
    }
}
