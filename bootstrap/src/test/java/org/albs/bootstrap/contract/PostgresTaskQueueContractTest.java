package org.albs.bootstrap.contract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractTaskQueueContractTest;
import org.albs.application.port.out.QueueFixture;
import org.albs.bootstrap.support.PostgresDatabase;

/** The task-queue contract, run by the real SQL adapters against PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PostgresTaskQueueContractTest extends AbstractTaskQueueContractTest {
    @Inject
    AdapterPorts adapters;
    @Inject
    AgroalDataSource db;

    @Override
    protected QueueFixture.Ports ports() {
        // the contract starts from a store without build tasks; earlier tests of the run left some
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM builds");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return adapters.forQueue();
    }
}
