package org.albs.adapter.out.persistence;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.albs.application.port.out.Transactions;

@ApplicationScoped
public class QuarkusTransactions implements Transactions {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.joiningExisting().call(work::get);
    }
}
