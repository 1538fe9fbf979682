package org.albs.application.fakes;

import org.albs.application.port.out.AbstractUsersContractTest;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;

class InMemoryUsersContractTest extends AbstractUsersContractTest {
    private final ImmediateTransactions tx = new ImmediateTransactions();

    @Override
    protected Users users() {
        return new InMemoryUsers(tx);
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
