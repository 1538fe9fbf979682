package org.albs.bootstrap.contract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.adapter.out.persistence.SqlReleases;
import org.albs.adapter.out.persistence.SqlSignKeys;
import org.albs.adapter.out.persistence.SqlSignTasks;
import org.albs.application.port.out.AbstractReleasesContractTest;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.Releases;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;

/** The releases' contract on PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresReleasesContractTest extends AbstractReleasesContractTest {
    @Inject
    AdapterPorts real;
    @Inject
    SqlReleases releases;
    @Inject
    SqlSignKeys keys;
    @Inject
    SqlSignTasks signTasks;

    @Override
    protected QueueFixture.Ports ports() {
        try (Connection c = real.db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM releases");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return real.forQueue();
    }

    @Override
    protected Releases releases() {
        return releases;
    }

    @Override
    protected Repositories repositories() {
        return real.repositories;
    }

    @Override
    protected BuildArtifacts artifacts() {
        return real.artifacts;
    }

    @Override
    protected SignKeys keys() {
        return keys;
    }

    @Override
    protected SignTasks signTasks() {
        return signTasks;
    }
}
