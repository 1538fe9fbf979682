package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractBuildTaskQueueContractTest;
import org.albs.application.port.out.QueueFixture;
import org.albs.bootstrap.support.PostgresDatabase;

/** The task-queue contract, run by the real SQL adapters against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresBuildTaskQueueContractTest extends AbstractBuildTaskQueueContractTest {
    @Inject
    AdapterPorts adapters;

    @Override
    protected QueueFixture.Ports ports() {
        return adapters.forQueueWithoutBuilds();
    }
}
