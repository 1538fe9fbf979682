package org.albs.bootstrap.builds;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    /** The first column of the first row of a query on the test database (a count, usually). */
    long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the test database (a fixture the API has no route for). */
    void sql(String statement) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
