package org.albs.application.fakes;

import java.util.List;

import org.albs.application.port.out.AbstractTestSystemContractTest;
import org.albs.application.port.out.TestSystem;

class InMemoryTestSystemContractTest extends AbstractTestSystemContractTest {
    private final InMemoryTestSystem system = new InMemoryTestSystem();

    @Override
    protected TestSystem system() {
        return system;
    }

    @Override
    protected void accepting() {
        system.down(false);
    }

    @Override
    protected void down() {
        system.down(true);
    }

    @Override
    protected List<List<Long>> confirmed() {
        return system.cancels();
    }
}
