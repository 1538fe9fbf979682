package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractPlatformsContractTest;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.bootstrap.support.PostgresDatabase;

/** The platforms and repositories contract, run by the Hibernate adapters against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresPlatformsContractTest extends AbstractPlatformsContractTest {
    @Inject
    Platforms platforms;
    @Inject
    Repositories repositories;
    @Inject
    Transactions tx;

    @Override
    protected Ports ports() {
        return new Ports(platforms, repositories, tx);
    }
}
