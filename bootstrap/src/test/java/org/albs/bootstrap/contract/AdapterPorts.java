package org.albs.bootstrap.contract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.BuildQueries;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.PlatformFlavours;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;

/** The real adapters behind the ports the contract tests exercise (a singleton, so tests may read its fields). */
@Singleton
class AdapterPorts {
    @Inject
    Users users;
    @Inject
    Platforms platforms;
    @Inject
    PlatformFlavours flavours;
    @Inject
    Builds builds;
    @Inject
    BuildTaskQueue queue;
    @Inject
    TaskResults results;
    @Inject
    Transactions tx;
    @Inject
    BuildQueries queries;
    @Inject
    Repositories repositories;
    @Inject
    AgroalDataSource db;
    @Inject
    StoreJobs jobs;
    @Inject
    BuildArtifacts artifacts;
    @Inject
    ArtifactStore store;
    @Inject
    org.albs.application.team.Access access;

    QueueFixture.Ports forQueue() {
        return new QueueFixture.Ports(users, platforms, builds, queue, results, tx);
    }

    /** The ports over a store without builds: the contracts start from one, and earlier tests of the run left some. */
    QueueFixture.Ports forQueueWithoutBuilds() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM builds");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return forQueue();
    }
}
