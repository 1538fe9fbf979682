package org.albs.application.fakes;

import java.time.Clock;
import java.time.ZoneOffset;

import org.albs.application.port.out.AbstractBuildTaskQueueContractTest;
import org.albs.application.port.out.QueueFixture;

class InMemoryBuildTaskQueueContractTest extends AbstractBuildTaskQueueContractTest {
    @Override
    protected QueueFixture.Ports ports() {
        InMemoryAdapters a = new InMemoryAdapters(Clock.fixed(QueueFixture.T0, ZoneOffset.UTC));
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }
}
