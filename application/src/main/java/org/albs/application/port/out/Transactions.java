package org.albs.application.port.out;

import java.util.function.Supplier;

/** One transaction per use case, without the core knowing how transactions are made. */
public interface Transactions {
    /** Runs the work in a new transaction, or joins the caller's. */
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
