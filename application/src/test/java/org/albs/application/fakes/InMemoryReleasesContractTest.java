package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.AbstractReleasesContractTest;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.Releases;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;

class InMemoryReleasesContractTest extends AbstractReleasesContractTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }

    @Override
    protected Releases releases() {
        return a.releases();
    }

    @Override
    protected Repositories repositories() {
        return a.repositories();
    }

    @Override
    protected BuildArtifacts artifacts() {
        return a.artifacts();
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
