package org.albs.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;
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
 * Injectable only as this type, so the JTA {@link JtaTransactions} stays the default {@code Transactions}.
 */
@ApplicationScoped
@Typed(JdbcTransactions.class)
public class JdbcTransactions extends RetryingTransactions {
    private static final Logger LOG = Logger.getLogger(JdbcTransactions.class);
    private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();

    private final AgroalDataSource ds;

    public JdbcTransactions(AgroalDataSource ds) {
        this.ds = ds;
    }

    /** The calling thread's transaction connection, or null. */
    static Connection current() {
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
            CURRENT.set(c);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                rollback(c);
                throw e;
            } finally {
                CURRENT.remove();
            }
            try {
                c.commit();
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
}
