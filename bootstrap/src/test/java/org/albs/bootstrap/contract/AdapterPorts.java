package org.albs.bootstrap.contract;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.TaskQueue;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;

/** The real adapters behind the ports the build contracts exercise. */
@ApplicationScoped
class AdapterPorts {
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

    QueueFixture.Ports forQueue() {
        return new QueueFixture.Ports(users, platforms, builds, queue, results, tx);
    }
}
