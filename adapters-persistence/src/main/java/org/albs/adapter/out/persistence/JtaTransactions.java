package org.albs.adapter.out.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.albs.application.port.out.Transactions;
import org.jboss.logging.Logger;

/**
 * One transaction per use case, on the JTA transaction manager that Hibernate and the datasource enlist in
 * (straight begin/commit: no context capture on the hot path). A top-level transaction that loses a deadlock or a
 * serialization conflict to another server instance is run again (a few times), so concurrent instances never
 * surface those as errors.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {
    private static final Logger LOG = Logger.getLogger(JtaTransactions.class);
    private static final int ATTEMPTS = 5;

    private final TransactionManager tm;

    public JtaTransactions(TransactionManager tm) {
        this.tm = tm;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
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

    private <T> T once(Supplier<T> work) {
        T result;
        try {
            tm.begin();
        } catch (Exception e) {
            throw new IllegalStateException("cannot begin a transaction", e);
        }
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

    private void rollback() {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.warn("rollback failed", e);
        }
    }

    private boolean active() {
        try {
            return tm.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
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
