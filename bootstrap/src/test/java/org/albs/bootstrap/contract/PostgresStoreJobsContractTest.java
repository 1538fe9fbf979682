package org.albs.bootstrap.contract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.application.port.out.AbstractStoreJobsContractTest;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.StoreJobs;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;

/** The store jobs' contract on PostgreSQL, with no background worker of the server's own. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresStoreJobsContractTest extends AbstractStoreJobsContractTest {
    @Inject
    AdapterPorts real;

    @Override
    protected QueueFixture.Ports ports() {
        try (Connection c = real.db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM store_jobs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return real.forQueue();
    }

    @Override
    protected StoreJobs jobs() {
        return real.jobs;
    }
}
