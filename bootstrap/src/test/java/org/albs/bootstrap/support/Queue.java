package org.albs.bootstrap.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.albs.domain.builds.BuildTaskStatus;

/**
 * Tests share one database; a dispatch test first retires every unfinished task left by earlier tests, so its
 * nodes only see the tasks it creates.
 */
public final class Queue {
    private Queue() {
    }

    public static void retireAllOpenTasks(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE build_tasks SET status = " + BuildTaskStatus.CANCELLED.code()
                    + ", error = 'retired by a test' WHERE status IN (" + BuildTaskStatus.IDLE.code() + ", "
                    + BuildTaskStatus.STARTED.code() + ")");
            s.executeUpdate("UPDATE builds SET open_tasks = 0, finished_at = COALESCE(finished_at, now())"
                    + " WHERE open_tasks <> 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
