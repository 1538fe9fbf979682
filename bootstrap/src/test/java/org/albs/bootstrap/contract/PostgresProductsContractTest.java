package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.application.port.out.AbstractProductsContractTest;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.QueueFixture;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;

/** The products port's contract on PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresProductsContractTest extends AbstractProductsContractTest {
    @Inject
    AdapterPorts real;
    @Inject
    Products products;

    @Override
    protected QueueFixture.Ports ports() {
        return real.forQueue();
    }

    @Override
    protected Products products() {
        return products;
    }

    @Override
    protected BuildArtifacts artifacts() {
        return real.artifacts;
    }
}
