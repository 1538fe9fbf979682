package org.albs.adapter.out.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.OperationsFigures;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.WorkEvent;

/**
 * The operator's figures in SQL. Open tasks and jobs are counted over the open rows only; history and builds are
 * read after a remembered id, a range of the primary key, so sampling costs the same on a database of any age.
 */
@ApplicationScoped
public class SqlOperationsFigures implements OperationsFigures {
    private final Jdbc jdbc;

    public SqlOperationsFigures(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public List<OpenTasks> openTasks() {
        return jdbc.query("SELECT p.name, t.arch,"
                + " count(*) FILTER (WHERE t.status = " + BuildTaskStatus.IDLE.code() + "),"
                + " count(*) FILTER (WHERE t.status = " + BuildTaskStatus.STARTED.code() + ")"
                + " FROM build_tasks t JOIN platforms p ON p.id = t.platform_id"
                + " WHERE t.status IN (" + BuildTaskStatus.IDLE.code() + ", " + BuildTaskStatus.STARTED.code() + ")"
                + " GROUP BY p.name, t.arch ORDER BY p.name, t.arch", new Jdbc.Args(),
                rs -> new OpenTasks(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public List<JobBacklog> jobBacklog(Instant now) {
        Map<StoreJobKind, JobBacklog> backlog = new EnumMap<>(StoreJobKind.class);
        for (StoreJobKind k : StoreJobKind.values()) {
            backlog.put(k, new JobBacklog(k, 0, Duration.ZERO));
        }
        jdbc.query("SELECT kind, count(*), min(created_at) FROM store_jobs WHERE status IN ("
                + StoreJobStatus.WAITING.code() + ", " + StoreJobStatus.RUNNING.code() + ") GROUP BY kind",
                new Jdbc.Args(), rs -> {
                    StoreJobKind kind = StoreJobKind.valueOf(rs.getString(1));
                    Instant oldest = Jdbc.getInstant(rs, 3);
                    Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                    return backlog.put(kind, new JobBacklog(kind, rs.getLong(2), age));
                });
        return new ArrayList<>(backlog.values());
    }

    @Override
    public long taskEventsPosition() {
        return jdbc.query("SELECT COALESCE(max(id), 0) FROM build_task_history", new Jdbc.Args(),
                rs -> rs.getLong(1)).get(0);
    }

    @Override
    public TaskEvents taskEventsAfter(long position) {
        Map<WorkEvent, Long> counts = new EnumMap<>(WorkEvent.class);
        long[] last = {position};
        jdbc.query("SELECT event, count(*), max(id) FROM build_task_history WHERE id > :after GROUP BY event",
                new Jdbc.Args().lng("after", position), rs -> {
                    counts.put(WorkEvent.valueOf(rs.getString(1)), rs.getLong(2));
                    last[0] = Math.max(last[0], rs.getLong(3));
                    return null;
                });
        return new TaskEvents(counts, last[0]);
    }

    @Override
    public long buildsPosition() {
        return jdbc.query("SELECT COALESCE(max(id), 0) FROM builds", new Jdbc.Args(), rs -> rs.getLong(1)).get(0);
    }

    @Override
    public NewBuilds buildsAfter(long position) {
        return jdbc.query("SELECT count(*), COALESCE(max(id), :after) FROM builds WHERE id > :after",
                new Jdbc.Args().lng("after", position), rs -> new NewBuilds(rs.getLong(1), rs.getLong(2))).get(0);
    }
}
