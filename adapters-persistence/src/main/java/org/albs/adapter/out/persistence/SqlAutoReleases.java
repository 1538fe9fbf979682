package org.albs.adapter.out.persistence;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.AutoReleases;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.BuildEvent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.signing.SignTask;
import org.albs.domain.testing.TestTaskStatus;

/**
 * What the automatic pipeline reads of a build (one statement with the build row locked, then its latest tests and
 * history) and its history, {@code build_events}.
 */
@ApplicationScoped
public class SqlAutoReleases implements AutoReleases {
    private static final String UNFINISHED = SqlLeaseTable.codes(BuildTask.LIFECYCLE, LeasePhase.WAITING) + ", "
            + SqlLeaseTable.codes(BuildTask.LIFECYCLE, LeasePhase.LEASED);
    private static final String SIGN_OPEN = SqlLeaseTable.codes(SignTask.LIFECYCLE, LeasePhase.WAITING) + ", "
            + SqlLeaseTable.codes(SignTask.LIFECYCLE, LeasePhase.LEASED);
    private static final String JOB_OPEN = StoreJobStatus.WAITING.code() + ", " + StoreJobStatus.RUNNING.code();

    private final Jdbc jdbc;

    public SqlAutoReleases(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    private record Row(UserId owner, boolean signed, boolean released, int unfinished, int notCompleted,
                       int importing, Long openSignTask) {
    }

    @Override
    public Optional<BuildFacts> lockBuild(long buildId) {
        Jdbc.Args args = new Jdbc.Args().lng("build", buildId).integer("completed", BuildTaskStatus.COMPLETED.code())
                .texts("imports", SqlSignTasks.IMPORT_KINDS);
        Optional<Row> row = jdbc.query("""
                SELECT b.owner_id, b.signed, b.released,
                       (SELECT count(*) FROM build_tasks t WHERE t.build_id = b.id AND t.status IN (%1$s)),
                       (SELECT count(*) FROM build_tasks t WHERE t.build_id = b.id AND t.status NOT IN (%1$s)
                           AND t.status <> :completed),
                       (SELECT count(*) FROM store_jobs j WHERE j.build_id = b.id AND j.status IN (%2$s)
                           AND j.kind = ANY (:imports)),
                       (SELECT min(s.id) FROM sign_tasks s WHERE s.build_id = b.id AND s.status IN (%3$s))
                  FROM builds b WHERE b.id = :build FOR UPDATE OF b""".formatted(UNFINISHED, JOB_OPEN, SIGN_OPEN),
                args, rs -> new Row(new UserId(rs.getLong(1)), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), Jdbc.getLong(rs, 7))).stream().findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        List<TestTaskStatus> latest = jdbc.query("""
                SELECT x.status FROM test_tasks x
                 WHERE x.build_id = :build
                   AND x.revision = (SELECT max(y.revision) FROM test_tasks y WHERE y.build_task_id = x.build_task_id)
                 ORDER BY x.id""", new Jdbc.Args().lng("build", buildId),
                rs -> TestTaskStatus.ofCode(rs.getInt(1)));
        return Optional.of(new BuildFacts(buildId, r.owner(), platformIds(buildId), r.unfinished(),
                r.notCompleted(), r.importing(), latest, r.signed(), Optional.ofNullable(r.openSignTask()),
                r.released(), events(buildId)));
    }

    @Override
    public Set<Long> platformIds(long buildId) {
        return new TreeSet<>(jdbc.query("SELECT DISTINCT platform_id FROM build_tasks WHERE build_id = :build",
                new Jdbc.Args().lng("build", buildId), rs -> rs.getLong(1)));
    }

    @Override
    public void record(BuildEvent event) {
        jdbc.update("INSERT INTO build_events (build_id, at, event, message) VALUES (:build, :at, :event, :message)",
                new Jdbc.Args().lng("build", event.buildId()).time("at", event.at()).str("event", event.event())
                        .str("message", event.message()));
    }

    @Override
    public List<BuildEvent> events(long buildId) {
        return jdbc.query("SELECT at, event, message FROM build_events WHERE build_id = :build ORDER BY id",
                new Jdbc.Args().lng("build", buildId), rs -> new BuildEvent(buildId, Jdbc.getInstant(rs, 1),
                        rs.getString(2), rs.getString(3)));
    }
}
