package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractPlatformFlavoursContractTest;
import org.albs.application.port.out.PlatformFlavours;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.bootstrap.support.PostgresDatabase;

/** The platform flavours contract, run by the JDBC adapter against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresPlatformFlavoursContractTest extends AbstractPlatformFlavoursContractTest {
    @Inject
    PlatformFlavours flavours;
    @Inject
    Repositories repositories;
    @Inject
    Transactions tx;

    @Override
    protected Ports ports() {
        return new Ports(flavours, repositories, tx);
    }
}
