package org.albs.application.fakes;

import java.time.Clock;
import java.time.ZoneOffset;

import org.albs.application.port.out.AbstractTaskQueueContractTest;
import org.albs.application.port.out.QueueFixture;

class InMemoryTaskQueueContractTest extends AbstractTaskQueueContractTest {
    @Override
    protected QueueFixture.Ports ports() {
        InMemoryAdapters a = new InMemoryAdapters(Clock.fixed(QueueFixture.T0, ZoneOffset.UTC));
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }
}
