package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.AbstractSigningContractTest;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;

class InMemorySigningContractTest extends AbstractSigningContractTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));
    private final InMemorySignKeys keys = a.signKeys();
    private final InMemorySignTasks tasks = a.signTasks();
    private final InMemoryGenKeyTasks genKeys = new InMemoryGenKeyTasks(a.tx());

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }

    @Override
    protected SignKeys keys() {
        return keys;
    }

    @Override
    protected SignTasks tasks() {
        return tasks;
    }

    @Override
    protected GenKeyTasks genKeys() {
        return genKeys;
    }
}
