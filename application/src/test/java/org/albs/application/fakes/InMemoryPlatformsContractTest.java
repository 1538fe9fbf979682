package org.albs.application.fakes;

import org.albs.application.port.out.AbstractPlatformsContractTest;

class InMemoryPlatformsContractTest extends AbstractPlatformsContractTest {
    @Override
    protected Ports ports() {
        ImmediateTransactions tx = new ImmediateTransactions();
        InMemoryRepositories repositories = new InMemoryRepositories(tx);
        return new Ports(new InMemoryPlatforms(tx, repositories), repositories, tx);
    }
}
