package org.albs.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;

/**
 * One transaction per use case, on the JTA transaction manager that Hibernate and the datasource enlist in
 * (straight begin/commit: no context capture). Used wherever Hibernate-backed adapters take part. The transaction's
 * connection is taken from the pool right after begin (the pool keeps it enlisted, and hands the same one to
 * Hibernate), so a busy pool or an unreachable database is told apart from a bug before any work starts.
 */
@ApplicationScoped
public class JtaTransactions extends RetryingTransactions {
    private static final Logger LOG = Logger.getLogger(JtaTransactions.class);

    private final TransactionManager tm;
    private final AgroalDataSource ds;

    public JtaTransactions(TransactionManager tm, AgroalDataSource ds) {
        this.tm = tm;
        this.ds = ds;
    }

    @Override
    <T> T once(Supplier<T> work) {
        T result;
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

    @Override
    boolean active() {
        try {
            return tm.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
