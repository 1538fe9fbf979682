package org.albs.bootstrap.contract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.adapter.out.persistence.SqlGenKeyTasks;
import org.albs.adapter.out.persistence.SqlSignKeys;
import org.albs.adapter.out.persistence.SqlSignTasks;
import org.albs.application.port.out.AbstractSigningContractTest;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;

/** The signing ports' contract on PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresSigningContractTest extends AbstractSigningContractTest {
    @Inject
    AdapterPorts real;
    @Inject
    SqlSignKeys keys;
    @Inject
    SqlSignTasks tasks;
    @Inject
    SqlGenKeyTasks genKeys;

    @Override
    protected QueueFixture.Ports ports() {
        try (Connection c = real.db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE sign_tasks SET status = 4 WHERE status IN (1, 2)");
            s.executeUpdate("UPDATE gen_key_tasks SET status = 4 WHERE status IN (1, 2)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return real.forQueue();
    }

    @Override
    protected SignKeys keys() {
        return keys;
    }

    @Override
    protected SignTasks tasks() {
        return tasks;
    }

    @Override
    protected GenKeyTasks genKeys() {
        return genKeys;
    }
}
