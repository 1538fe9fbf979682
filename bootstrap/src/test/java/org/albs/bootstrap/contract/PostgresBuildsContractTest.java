package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractBuildsContractTest;
import org.albs.application.port.out.QueueFixture;
import org.albs.bootstrap.support.PostgresDatabase;

/** The builds contract, run by the real SQL adapter against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresBuildsContractTest extends AbstractBuildsContractTest {
    @Inject
    AdapterPorts adapters;

    @Override
    protected QueueFixture.Ports ports() {
        return adapters.forQueueWithoutBuilds();
    }
}
