package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.AbstractAutoReleasesContractTest;
import org.albs.application.port.out.AutoReleases;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.application.port.out.TestTasks;

class InMemoryAutoReleasesContractTest extends AbstractAutoReleasesContractTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }

    @Override
    protected AutoReleases autoReleases() {
        return a.autoReleases();
    }

    @Override
    protected TestTasks tests() {
        return a.tests();
    }

    @Override
    protected SignKeys keys() {
        return a.signKeys();
    }

    @Override
    protected SignTasks signTasks() {
        return a.signTasks();
    }
}
