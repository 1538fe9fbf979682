package org.albs.application.fakes;

import org.albs.application.port.out.AbstractPlatformFlavoursContractTest;

class InMemoryPlatformFlavoursContractTest extends AbstractPlatformFlavoursContractTest {
    @Override
    protected Ports ports() {
        ImmediateTransactions tx = new ImmediateTransactions();
        InMemoryRepositories repositories = new InMemoryRepositories(tx);
        return new Ports(new InMemoryPlatformFlavours(tx, repositories), repositories, tx);
    }
}
