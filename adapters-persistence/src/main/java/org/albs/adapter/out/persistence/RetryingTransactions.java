package org.albs.adapter.out.persistence;

import java.sql.SQLException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.albs.application.port.out.StoreUnavailableException;
import org.albs.application.port.out.Transactions;
import org.jboss.logging.Logger;

/**
 * A top-level transaction that loses a deadlock or a serialization conflict to another server instance is run
 * again (a few times), so concurrent instances never surface those as errors. A transaction that gets no connection
 * (the pool stayed busy for the whole acquisition timeout, or the database cannot be reached) ends as a
 * {@link StoreUnavailableException}, which callers answer with "retry later", not as a bug. Subclasses say how a
 * transaction is begun and ended, and must report a failure to obtain their connection with {@link #noConnection}.
 */
abstract class RetryingTransactions implements Transactions {
    private static final Logger LOG = Logger.getLogger(RetryingTransactions.class);
    private static final int ATTEMPTS = 5;

    /** Whether the calling thread already runs in a transaction of this kind (the work then joins it). */
    abstract boolean active();

    /** Runs the work in one new transaction: commits on return, rolls back on any exception. */
    abstract <T> T once(Supplier<T> work);

    @Override
    public final <T> T inTransaction(Supplier<T> work) {
        if (active()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                if (isConnectionLoss(e)) {
                    throw noConnection(e);
                }
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                LOG.debugf("transaction conflict (%s), attempt %d of %d", e.getMessage(), attempt, ATTEMPTS);
            }
        }
    }

    static StoreUnavailableException noConnection(Exception cause) {
        return new StoreUnavailableException("no database connection: " + cause.getMessage(), cause);
    }

    /** SQLSTATE class 08 (connection exception), 57P01-57P03 (the server is shutting down or starting). */
    private static boolean isConnectionLoss(Throwable e) {
        return hasSqlState(e, state -> state.startsWith("08") || state.startsWith("57P0"));
    }

    /** 40P01 deadlock detected, 40001 serialization failure. */
    private static boolean isRetryable(Throwable e) {
        return hasSqlState(e, state -> state.equals("40P01") || state.equals("40001"));
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
