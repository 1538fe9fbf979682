package org.albs.bootstrap.contract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.application.port.out.AbstractTestTasksContractTest;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.TestTasks;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;

/** The test tasks' contract on PostgreSQL, with no background worker of the server's own. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresTestTasksContractTest extends AbstractTestTasksContractTest {
    @Inject
    AdapterPorts real;
    @Inject
    TestTasks tests;

    @Override
    protected QueueFixture.Ports ports() {
        try (Connection c = real.db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM test_tasks");
            s.executeUpdate("DELETE FROM store_jobs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return real.forQueue();
    }

    @Override
    protected TestTasks tests() {
        return tests;
    }

    @Override
    protected BuildArtifacts artifacts() {
        return real.artifacts;
    }

    @Override
    protected StoreJobs jobs() {
        return real.jobs;
    }
}
