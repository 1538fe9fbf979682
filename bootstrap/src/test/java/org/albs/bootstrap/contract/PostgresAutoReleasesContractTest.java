package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.adapter.out.persistence.SqlAutoReleases;
import org.albs.application.port.out.AbstractAutoReleasesContractTest;
import org.albs.application.port.out.AutoReleases;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.application.port.out.TestTasks;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;

/** The automatic pipeline's port on PostgreSQL, with no background worker of the server's own. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresAutoReleasesContractTest extends AbstractAutoReleasesContractTest {
    @Inject
    AdapterPorts real;
    @Inject
    SqlAutoReleases autoReleases;
    @Inject
    TestTasks tests;
    @Inject
    SignKeys keys;
    @Inject
    SignTasks signTasks;

    @Override
    protected QueueFixture.Ports ports() {
        return real.forQueue();
    }

    @Override
    protected AutoReleases autoReleases() {
        return autoReleases;
    }

    @Override
    protected TestTasks tests() {
        return tests;
    }

    @Override
    protected SignKeys keys() {
        return keys;
    }

    @Override
    protected SignTasks signTasks() {
        return signTasks;
    }
}
