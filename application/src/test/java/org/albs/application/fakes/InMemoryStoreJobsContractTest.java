package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.AbstractStoreJobsContractTest;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.StoreJobs;

class InMemoryStoreJobsContractTest extends AbstractStoreJobsContractTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }

    @Override
    protected StoreJobs jobs() {
        return a.jobs();
    }
}
