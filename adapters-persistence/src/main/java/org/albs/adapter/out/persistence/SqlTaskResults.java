package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.TaskResults;

/** What build_done stores, in as few round trips as the hot path allows. */
@ApplicationScoped
public class SqlTaskResults implements TaskResults {
    private final Jdbc jdbc;

    public SqlTaskResults(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public void record(long taskId, List<ArtifactReport> artifacts, Map<String, Object> statistics, Instant now) {
        // Artifacts, the artifact-store job (only when there are artifacts) and the node's statistics: one statement.
        jdbc.update("""
                WITH a AS (
                    INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, cas_hash)
                    SELECT ?, x.n, x.ty, x.h, x.s, x.c
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS x(n, ty, h, s, c)
                    RETURNING 1),
                j AS (
                    INSERT INTO artifact_import_jobs (build_task_id, created_at, next_attempt_at)
                    SELECT ?, ?, ? WHERE ? RETURNING 1)
                INSERT INTO performance_stats (build_task_id, statistics) VALUES (?, ?::jsonb)""",
                p -> p.lng(taskId)
                        .texts(artifacts.stream().map(ArtifactReport::name).toList())
                        .texts(artifacts.stream().map(ArtifactReport::type).toList())
                        .texts(artifacts.stream().map(ArtifactReport::href).toList())
                        .texts(artifacts.stream().map(ArtifactReport::sha256).toList())
                        .texts(artifacts.stream().map(ArtifactReport::casHash).toList())
                        .lng(taskId).time(now).time(now).bool(!artifacts.isEmpty())
                        .lng(taskId).str(Json.write(statistics)));
    }

    @Override
    public void setRefCommit(long refId, String gitCommitHash) {
        jdbc.update("UPDATE build_task_refs SET git_commit_hash = ? WHERE id = ?", p -> p.str(gitCommitHash).lng(refId));
    }

    @Override
    public void setCasInfo(long taskId, String almaCommitCasHash, boolean casAuthenticated) {
        jdbc.update("UPDATE build_tasks SET alma_commit_cas_hash = ?, is_cas_authenticated = ? WHERE id = ?",
                p -> p.str(almaCommitCasHash).bool(casAuthenticated).lng(taskId));
    }

    @Override
    public void propagateSrpm(long refId, long platformId, String builtSrpmUrl, String srpmHash) {
        jdbc.update("UPDATE build_tasks SET built_srpm_url = ?, srpm_hash = ? WHERE ref_id = ? AND platform_id = ?",
                p -> p.str(builtSrpmUrl).str(srpmHash).lng(refId).lng(platformId));
    }
}
