package org.albs.adapter.out.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;

import org.albs.application.port.out.Transactions;
import org.jboss.logging.Logger;

/**
 * A top-level transaction that loses a deadlock or a serialization conflict to another server instance is run
 * again (a few times), so concurrent instances never surface those as errors. Subclasses say how a transaction is
 * begun and ended.
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
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                LOG.debugf("transaction conflict (%s), attempt %d of %d", e.getMessage(), attempt, ATTEMPTS);
            }
        }
    }

    /** 40P01 deadlock detected, 40001 serialization failure. */
    private static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
