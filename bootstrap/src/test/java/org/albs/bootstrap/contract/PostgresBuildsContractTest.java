package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractBuildsContractTest;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.TaskQueue;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.bootstrap.support.PostgresDatabase;

/** The builds contract, run by the real SQL adapter against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresBuildsContractTest extends AbstractBuildsContractTest {
    @Inject
    Users users;
    @Inject
    Platforms platforms;
    @Inject
    Builds builds;
    @Inject
    TaskQueue queue;
    @Inject
    TaskResults results;
    @Inject
    Transactions tx;

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(users, platforms, builds, queue, results, tx);
    }
}
