package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.AbstractTestTasksContractTest;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.TestTasks;

class InMemoryTestTasksContractTest extends AbstractTestTasksContractTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }

    @Override
    protected TestTasks tests() {
        return a.tests();
    }

    @Override
    protected BuildArtifacts artifacts() {
        return a.artifacts();
    }

    @Override
    protected StoreJobs jobs() {
        return a.jobs();
    }
}
