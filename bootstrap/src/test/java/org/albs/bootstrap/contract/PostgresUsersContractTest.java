package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractUsersContractTest;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.bootstrap.support.PostgresDatabase;

/** The users contract, run by the Hibernate adapter against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresUsersContractTest extends AbstractUsersContractTest {
    @Inject
    Users userStore;
    @Inject
    Transactions tx;

    @Override
    protected Users users() {
        return userStore;
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
