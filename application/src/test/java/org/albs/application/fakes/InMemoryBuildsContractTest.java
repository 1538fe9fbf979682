package org.albs.application.fakes;

import java.time.Clock;
import java.time.ZoneOffset;

import org.albs.application.port.out.AbstractBuildsContractTest;
import org.albs.application.port.out.QueueFixture;

class InMemoryBuildsContractTest extends AbstractBuildsContractTest {
    @Override
    protected QueueFixture.Ports ports() {
        InMemoryAdapters a = new InMemoryAdapters(Clock.fixed(QueueFixture.T0, ZoneOffset.UTC));
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }
}
