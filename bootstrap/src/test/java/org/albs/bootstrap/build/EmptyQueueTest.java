package org.albs.bootstrap.build;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import org.albs.bootstrap.support.Queue;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests whose nodes must only see the tasks the test itself creates (the database is shared). */
abstract class EmptyQueueTest {
    @Inject
    AgroalDataSource db;

    @BeforeEach
    void emptyQueue() {
        Queue.retireAllOpenTasks(db);
    }
}
