package org.albs.adapter.out.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * One transaction per use case. A top-level transaction that loses a deadlock or a serialization conflict to
 * another server instance is run again (a few times), so concurrent instances never surface those as errors.
 */
@ApplicationScoped
public class QuarkusTransactions implements org.albs.application.port.out.Transactions {
    private static final Logger LOG = Logger.getLogger(QuarkusTransactions.class);
    private static final int ATTEMPTS = 5;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (QuarkusTransaction.isActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
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
