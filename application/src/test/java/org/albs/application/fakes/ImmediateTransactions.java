package org.albs.application.fakes;

import java.util.function.Supplier;

import org.albs.application.port.out.Transactions;

/**
 * Runs the work at once; nested calls join the outer one. It does not roll back: a use case that fails half way
 * leaves its earlier writes, so tests of failures check states the service reaches before its first write.
 * The in-memory adapters ask it whether a transaction is open before they lock or write, because the real
 * adapter's row locks and writes are only safe inside one.
 */
public final class ImmediateTransactions implements Transactions {
    private int depth;
    private int started;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (depth == 0) {
            started++;
        }
        depth++;
        try {
            return work.get();
        } finally {
            depth--;
        }
    }

    public boolean active() {
        return depth > 0;
    }

    /** How many top-level transactions have run. */
    public int started() {
        return started;
    }

    void requireActive(String operation) {
        if (depth == 0) {
            throw new IllegalStateException(operation + " outside a transaction: its locks and writes would not be"
                    + " atomic with the rest of the use case");
        }
    }
}
