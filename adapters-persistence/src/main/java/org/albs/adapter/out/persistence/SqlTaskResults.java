package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.TaskResults;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuiltArtifact;

/**
 * A node's report in one exchange with the database: the task's change as the lease queue writes it, what the
 * report brings, the dependency release and, last (the build row is the last lock every transaction takes), the
 * build's open-task count, whose new value comes back for the domain to settle.
 */
@ApplicationScoped
public class SqlTaskResults implements TaskResults {
    private final Jdbc jdbc;
    private final SqlBuildTaskQueue queue;

    public SqlTaskResults(AgroalDataSource ds, SqlBuildTaskQueue queue) {
        this.jdbc = new Jdbc(ds);
        this.queue = queue;
    }

    @Override
    public BuildProgress store(Report r) {
        BuildTask t = r.task();
        List<Jdbc.Statement> statements = new ArrayList<>();
        statements.add(queue.table().save(r.change()));
        List<BuiltArtifact> a = r.artifacts();
        // what the report leaves behind, in one statement: the artifacts, the artifact-store job when there are any
        // (the outbox: written with the report, so nothing is lost if the process dies after answering), statistics
        statements.add(new Jdbc.Statement("""
                WITH artifacts AS (
                    INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, cas_hash)
                    SELECT :task, x.n, x.ty, x.h, x.s, x.c
                      FROM unnest(:names, :types, :hrefs, :sha256s, :cas_hashes) AS x(n, ty, h, s, c)),
                job AS (
                    INSERT INTO store_jobs (kind, build_id, build_task_id, created_at)
                    SELECT :import, :build, :task, :at WHERE cardinality(:names) > 0)
                INSERT INTO performance_stats (build_task_id, statistics) VALUES (:task, CAST(:statistics AS jsonb))""",
                new Jdbc.Args().lng("task", t.id()).time("at", r.change().entry().at())
                        .str("import", StoreJobKind.IMPORT_ARTIFACTS.name()).lng("build", t.buildId())
                        .texts("names", a.stream().map(BuiltArtifact::name).toList())
                        .texts("types", a.stream().map(BuiltArtifact::type).toList())
                        .texts("hrefs", a.stream().map(BuiltArtifact::href).toList())
                        .texts("sha256s", a.stream().map(BuiltArtifact::sha256).toList())
                        .texts("cas_hashes", a.stream().map(BuiltArtifact::casHash).toList())
                        .str("statistics", Json.write(r.statistics()))));
        if (r.gitCommitHash() != null) {
            statements.add(new Jdbc.Statement("UPDATE build_task_refs SET git_commit_hash = :hash WHERE id = :ref",
                    new Jdbc.Args().str("hash", r.gitCommitHash()).lng("ref", t.refId())));
        }
        if (r.deliveredSrpm() != null) {
            statements.add(new Jdbc.Statement("UPDATE build_tasks SET built_srpm_url = :url, srpm_hash = :hash"
                    + " WHERE ref_id = :ref AND platform_id = :platform AND id <> :task",
                    new Jdbc.Args().str("url", r.deliveredSrpm().url()).str("hash", r.deliveredSrpm().hash())
                            .lng("ref", t.refId()).lng("platform", t.platformId()).lng("task", t.id())));
        }
        if (!r.awaitsImport()) {
            statements.addAll(SqlBuildTaskQueue.release(t));
        }
        statements.add(SqlBuilds.openTaskCount(t.buildId(), -r.tasksEnded()));
        Jdbc.Ran<BuildProgress> ran = jdbc.run(statements, SqlBuilds::progress);
        queue.table().requireSaved(List.of(r.change()), ran.counts());
        return ran.rows().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("build " + t.buildId() + " vanished"));
    }
}
