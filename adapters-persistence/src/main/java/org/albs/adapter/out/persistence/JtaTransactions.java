package org.albs.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.StoreUnavailableException;
import org.albs.application.port.out.Transactions;
import org.jboss.logging.Logger;

/**
 * The one transaction model: one JTA transaction per use case, begun and committed on the transaction manager
 * (straight begin/commit, no context capture). Hibernate and the JDBC adapters take part alike: inside the
 * transaction the pool hands every caller the one connection enlisted in it.
 * <ul>
 * <li>The connection is taken right after begin, so a busy pool or an unreachable database ends as a
 * {@link StoreUnavailableException} ("retry later") before any work starts, told apart from a bug.</li>
 * <li>A top-level transaction that loses a deadlock or a serialization conflict to another server instance is run
 * again, a few times, so concurrent instances never surface those as errors.</li>
 * <li>A call inside a transaction joins it.</li>
 * </ul>
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {
    private static final Logger LOG = Logger.getLogger(JtaTransactions.class);
    private static final int ATTEMPTS = 5;

    private final TransactionManager tm;
    private final AgroalDataSource ds;

    public JtaTransactions(TransactionManager tm, AgroalDataSource ds) {
        this.tm = tm;
        this.ds = ds;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (active()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                if (hasSqlState(e, state -> state.startsWith("08") || state.startsWith("57P0"))) {
                    // connection exception, or the server is shutting down or starting
                    throw noConnection(e);
                }
                if (attempt >= ATTEMPTS || !hasSqlState(e, state -> state.equals("40P01") || state.equals("40001"))) {
                    throw e;
                }
                LOG.debugf("transaction conflict (%s), attempt %d of %d", e.getMessage(), attempt, ATTEMPTS);
            }
        }
    }

    private <T> T once(Supplier<T> work) {
        try {
            tm.begin();
        } catch (Exception e) {
            throw new IllegalStateException("cannot begin a transaction", e);
        }
        try (Connection enlisted = ds.getConnection()) {
            // closing the handle inside the transaction keeps the connection enlisted until commit or rollback
        } catch (SQLException e) {
            rollback();
            throw noConnection(e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
        try {
            tm.commit();
        } catch (Exception e) {
            throw new IllegalStateException("commit failed: " + e.getMessage(), e);
        }
        return result;
    }

    private boolean active() {
        try {
            return tm.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rollback() {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.warn("rollback failed", e);
        }
    }

    private static StoreUnavailableException noConnection(Exception cause) {
        return new StoreUnavailableException("no database connection: " + cause.getMessage(), cause);
    }

    /** Whether an SQLException anywhere in the cause chain carries a SQLSTATE the test accepts. */
    private static boolean hasSqlState(Throwable e, Predicate<String> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && test.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
