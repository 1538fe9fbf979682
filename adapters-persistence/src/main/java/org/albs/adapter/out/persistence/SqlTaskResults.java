package org.albs.adapter.out.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.TaskResults;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.TaskHistoryEntry;

/**
 * A node's report in one statement, sent with the COMMIT: the function {@code albs_store_report} (migration V7)
 * does every write.
 */
@ApplicationScoped
public class SqlTaskResults implements TaskResults {
    private final Jdbc jdbc;

    public SqlTaskResults(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public void store(Report r, Instant now) {
        BuildTask t = r.task();
        TaskHistoryEntry e = r.change().entry();
        // the last write of build_done: held back and sent with the COMMIT (see JdbcTransactions)
        jdbc.writeBehind("SELECT albs_store_report(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.lng(t.id()).integer(t.status().code())
                        .lng(t.lease() == null ? null : t.lease().holder().value())
                        .time(t.lease() == null ? null : t.lease().expiresAt())
                        .integer(t.attempt()).str(t.error()).time(t.startedAt()).time(t.finishedAt())
                        .str(t.builtSrpmUrl())
                        .time(e.at()).str(e.event().name()).lng(e.node() == null ? null : e.node().value())
                        .integer(e.attempt()).str(e.reason())
                        .texts(r.artifacts().stream().map(ArtifactReport::name).toList())
                        .texts(r.artifacts().stream().map(ArtifactReport::type).toList())
                        .texts(r.artifacts().stream().map(ArtifactReport::href).toList())
                        .texts(r.artifacts().stream().map(ArtifactReport::sha256).toList())
                        .texts(r.artifacts().stream().map(ArtifactReport::casHash).toList())
                        .str(Json.write(r.statistics()))
                        .str(r.gitCommitHash()).bool(r.hasCasInfo()).str(r.almaCommitCasHash())
                        .bool(r.casAuthenticated())
                        .str(r.srpmUrl()).str(r.srpmHash()).integer(r.buildTasksEnded()).time(now));
    }
}
