package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.Builds;
import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.PlannedDependency;
import org.albs.domain.builds.PlannedTask;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.UserId;

@ApplicationScoped
public class SqlBuilds implements Builds {
    private final Jdbc jdbc;

    public SqlBuilds(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * The build, its refs, tasks and dependencies, each table in one statement (arrays unnested: no limit on the
     * number of rows from the number of parameters). Task ids are reserved in plan order, so they ascend exactly as
     * the planner ordered the tasks.
     */
    @Override
    public long create(NewBuild build, List<BuildTaskRef> refs, BuildPlan plan, Instant now) {
        long buildId = jdbc.query("""
                        INSERT INTO builds (created_at, owner_id, mock_options, is_secure_boot, product_id, open_tasks)
                        VALUES (:now, :owner, CAST(:mock AS jsonb), :secure, :product, :open) RETURNING id""",
                new Jdbc.Args().time("now", now).lng("owner", build.owner().value())
                        .str("mock", Json.write(build.mockOptions())).bool("secure", build.secureBoot())
                        .lng("product", build.productId()).integer("open", plan.tasks().size()),
                rs -> rs.getLong(1)).get(0);
        List<Jdbc.Statement> inserts = new ArrayList<>();
        if (!build.linkedBuilds().isEmpty()) {
            inserts.add(new Jdbc.Statement("INSERT INTO build_dependency (build_id, build_dependency)"
                    + " SELECT :build, unnest(:linked)",
                    new Jdbc.Args().lng("build", buildId).longs("linked", build.linkedBuilds())));
        }
        if (!build.platformFlavours().isEmpty()) {
            inserts.add(new Jdbc.Statement("INSERT INTO build_platform_flavour (build_id, flavour_id)"
                    + " SELECT :build, unnest(:flavours)",
                    new Jdbc.Args().lng("build", buildId).longs("flavours", build.platformFlavours())));
        }
        List<Long> refIds = reserve("build_task_refs_id_seq", refs.size());
        inserts.add(new Jdbc.Statement("""
                INSERT INTO build_task_refs (id, build_id, url, git_ref, ref_type, git_commit_hash, mock_options,
                                             test_configuration)
                SELECT x.id, :build, x.url, x.git_ref, x.ref_type, x.hash, CAST(x.mock AS jsonb), CAST(x.tests AS jsonb)
                  FROM unnest(:ids, :urls, :git_refs, :ref_types, :hashes, :mocks, :tests)
                       AS x(id, url, git_ref, ref_type, hash, mock, tests)""",
                new Jdbc.Args().lng("build", buildId).longs("ids", refIds)
                        .texts("urls", refs.stream().map(BuildTaskRef::url).toList())
                        .texts("git_refs", refs.stream().map(BuildTaskRef::gitRef).toList())
                        .ints("ref_types", refs.stream().map(r -> r.refType().code()).toList())
                        .texts("hashes", refs.stream().map(BuildTaskRef::gitCommitHash).toList())
                        .texts("mocks", refs.stream().map(r -> Json.write(r.mockOptions())).toList())
                        .texts("tests", refs.stream().map(r -> Json.write(r.testConfiguration())).toList())));
        List<PlannedTask> tasks = plan.tasks();
        List<Long> taskIds = reserve("build_tasks_id_seq", tasks.size());
        // every task also waits for its build's repositories in the artifact store (BuildTaskQueue.repositoriesReady)
        List<Integer> pending = new ArrayList<>(java.util.Collections.nCopies(tasks.size(), 1));
        for (PlannedDependency d : plan.dependencies()) {
            pending.set(d.task(), pending.get(d.task()) + 1);
        }
        inserts.add(new Jdbc.Statement("""
                INSERT INTO build_tasks (id, build_id, platform_id, ref_id, owner_id, status, index, arch,
                                         is_secure_boot, mock_options, pending_deps)
                SELECT x.id, :build, x.platform, x.ref, :owner, :idle, x.index, x.arch, :secure, CAST(x.mock AS jsonb),
                       x.pending
                  FROM unnest(:ids, :platforms, :refs, :indexes, :arches, :mocks, :pending)
                       AS x(id, platform, ref, index, arch, mock, pending)""",
                new Jdbc.Args().lng("build", buildId).lng("owner", build.owner().value())
                        .integer("idle", BuildTaskStatus.IDLE.code()).bool("secure", build.secureBoot())
                        .longs("ids", taskIds)
                        .longs("platforms", tasks.stream().map(PlannedTask::platformId).toList())
                        .longs("refs", tasks.stream().map(t -> refIds.get(t.refIndex())).toList())
                        .ints("indexes", tasks.stream().map(PlannedTask::index).toList())
                        .texts("arches", tasks.stream().map(PlannedTask::arch).toList())
                        .texts("mocks", tasks.stream().map(t -> Json.write(t.mockOptions())).toList())
                        .ints("pending", pending)));
        if (!plan.dependencies().isEmpty()) {
            inserts.add(new Jdbc.Statement("INSERT INTO build_task_dependency (build_task_id, build_task_dependency)"
                    + " SELECT * FROM unnest(:tasks, :depends_on)",
                    new Jdbc.Args()
                            .longs("tasks", plan.dependencies().stream().map(d -> taskIds.get(d.task())).toList())
                            .longs("depends_on", plan.dependencies().stream()
                                    .map(d -> taskIds.get(d.dependsOn())).toList())));
        }
        jdbc.run(inserts);
        return buildId;
    }

    private List<Long> reserve(String sequence, int count) {
        if (count == 0) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(jdbc.query("SELECT nextval('" + sequence + "') FROM generate_series(1, :n)",
                new Jdbc.Args().integer("n", count), rs -> rs.getLong(1)));
        ids.sort(null);
        return ids;
    }

    @Override
    public Optional<BuildHeader> find(long buildId) {
        return jdbc.query("SELECT id, owner_id, released, finished_at, product_id FROM builds WHERE id = :id",
                new Jdbc.Args().lng("id", buildId), rs -> new BuildHeader(rs.getLong(1), new UserId(rs.getLong(2)),
                        rs.getBoolean(3), Jdbc.getInstant(rs, 4), (Long) rs.getObject(5))).stream().findFirst();
    }

    @Override
    public List<Long> missing(Collection<Long> buildIds) {
        if (buildIds.isEmpty()) {
            return List.of();
        }
        Set<Long> found = new HashSet<>(jdbc.query("SELECT id FROM builds WHERE id = ANY (:ids)",
                new Jdbc.Args().longs("ids", buildIds), rs -> rs.getLong(1)));
        return buildIds.stream().filter(id -> !found.contains(id)).toList();
    }

    @Override
    public List<RestartPlanner.Candidate> restartCandidates(long buildId) {
        return jdbc.query("SELECT id, index, platform_id, arch, status FROM build_tasks WHERE build_id = :build"
                        + " ORDER BY index, id", new Jdbc.Args().lng("build", buildId),
                rs -> new RestartPlanner.Candidate(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        BuildTaskStatus.ofCode(rs.getInt(5))));
    }

    @Override
    public BuildProgress countOpenTasks(long buildId, int delta) {
        return jdbc.run(List.of(openTaskCount(buildId, delta)), SqlBuilds::progress).rows().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("build " + buildId + " vanished"));
    }

    /** The count update, for batches that end with it; its rows are read by {@link #progress}. */
    static Jdbc.Statement openTaskCount(long buildId, int delta) {
        return new Jdbc.Statement("UPDATE builds SET open_tasks = open_tasks + :delta WHERE id = :build"
                + " RETURNING id, open_tasks, finished_at", new Jdbc.Args().integer("delta", delta).lng("build", buildId));
    }

    static BuildProgress progress(ResultSet rs) throws SQLException {
        return new BuildProgress(rs.getLong(1), rs.getInt(2), Jdbc.getInstant(rs, 3));
    }

    @Override
    public void setFinishedAt(long buildId, Instant finishedAt) {
        jdbc.update("UPDATE builds SET finished_at = :at WHERE id = :build",
                new Jdbc.Args().time("at", finishedAt).lng("build", buildId));
    }

    @Override
    public List<String> productsOf(long buildId) {
        return jdbc.query("""
                SELECT p.name FROM product_builds pb JOIN products p ON p.id = pb.product_id
                 WHERE pb.build_id = :build ORDER BY p.name""", new Jdbc.Args().lng("build", buildId),
                rs -> rs.getString(1));
    }

    @Override
    public void delete(long buildId) {
        jdbc.query("SELECT id FROM build_tasks WHERE build_id = :build ORDER BY id FOR UPDATE",
                new Jdbc.Args().lng("build", buildId), rs -> rs.getLong(1));
        jdbc.update("DELETE FROM builds WHERE id = :build", new Jdbc.Args().lng("build", buildId));
    }
}
