package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.agroal.api.AgroalDataSource;

import org.albs.application.port.out.Builds;
import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.PlannedDependency;
import org.albs.domain.builds.PlannedTask;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.UserId;

@ApplicationScoped
public class SqlBuilds implements Builds {
    /** Rows per multi-row INSERT: keeps each statement well under PostgreSQL's 32,767 parameters. */
    private static final int CHUNK = 500;

    private final EntityManager em;
    private final Jdbc jdbc;

    public SqlBuilds(EntityManager em, AgroalDataSource ds) {
        this.em = em;
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public long create(NewBuild build, List<BuildTaskRef> refs, BuildPlan plan, Instant now) {
        long buildId = ((Number) em.createNativeQuery("""
                        INSERT INTO builds (created_at, owner_id, mock_options, is_secure_boot, product_id, open_tasks)
                        VALUES (:now, :owner, CAST(:mock AS jsonb), :secure, :product, :open) RETURNING id""")
                .setParameter("now", Utc.of(now)).setParameter("owner", build.owner().value())
                .setParameter("mock", Json.write(build.mockOptions())).setParameter("secure", build.secureBoot())
                .setParameter("product", build.productId()).setParameter("open", plan.tasks().size())
                .getSingleResult()).longValue();
        for (long linked : build.linkedBuilds()) {
            em.createNativeQuery("INSERT INTO build_dependency (build_id, build_dependency) VALUES (:b, :d)")
                    .setParameter("b", buildId).setParameter("d", linked).executeUpdate();
        }
        List<Long> refIds = reserve("build_task_refs_id_seq", refs.size());
        for (int from = 0; from < refs.size(); from += CHUNK) {
            int to = Math.min(refs.size(), from + CHUNK);
            StringBuilder sql = new StringBuilder("INSERT INTO build_task_refs (id, build_id, url, git_ref, ref_type,"
                    + " git_commit_hash, mock_options, test_configuration) VALUES ");
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ",").append("(:id").append(i).append(", :b, :url").append(i)
                        .append(", :gr").append(i).append(", :rt").append(i).append(", :ch").append(i)
                        .append(", CAST(:mo").append(i).append(" AS jsonb), CAST(:tc").append(i).append(" AS jsonb))");
            }
            Query q = em.createNativeQuery(sql.toString()).setParameter("b", buildId);
            for (int i = from; i < to; i++) {
                BuildTaskRef r = refs.get(i);
                q.setParameter("id" + i, refIds.get(i)).setParameter("url" + i, r.url())
                        .setParameter("gr" + i, r.gitRef()).setParameter("rt" + i, r.refType().code())
                        .setParameter("ch" + i, r.gitCommitHash()).setParameter("mo" + i, Json.write(r.mockOptions()))
                        .setParameter("tc" + i, Json.write(r.testConfiguration()));
            }
            q.executeUpdate();
        }
        // Task ids are reserved in plan order, so they ascend exactly as the planner ordered the tasks.
        List<PlannedTask> tasks = plan.tasks();
        List<Long> taskIds = reserve("build_tasks_id_seq", tasks.size());
        int[] pending = new int[tasks.size()];
        for (PlannedDependency d : plan.dependencies()) {
            pending[d.task()]++;
        }
        for (int from = 0; from < tasks.size(); from += CHUNK) {
            int to = Math.min(tasks.size(), from + CHUNK);
            StringBuilder sql = new StringBuilder("INSERT INTO build_tasks (id, build_id, platform_id, ref_id, owner_id,"
                    + " status, index, arch, is_secure_boot, mock_options, pending_deps) VALUES ");
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ",").append("(:id").append(i).append(", :b, :p").append(i)
                        .append(", :r").append(i).append(", :owner, 0, :ix").append(i).append(", :a").append(i)
                        .append(", :secure, CAST(:mo").append(i).append(" AS jsonb), :pd").append(i).append(")");
            }
            Query q = em.createNativeQuery(sql.toString()).setParameter("b", buildId)
                    .setParameter("owner", build.owner().value()).setParameter("secure", build.secureBoot());
            for (int i = from; i < to; i++) {
                PlannedTask t = tasks.get(i);
                q.setParameter("id" + i, taskIds.get(i)).setParameter("p" + i, t.platformId())
                        .setParameter("r" + i, refIds.get(t.refIndex())).setParameter("ix" + i, t.index())
                        .setParameter("a" + i, t.arch()).setParameter("mo" + i, Json.write(t.mockOptions()))
                        .setParameter("pd" + i, pending[i]);
            }
            q.executeUpdate();
        }
        List<PlannedDependency> deps = plan.dependencies();
        for (int from = 0; from < deps.size(); from += CHUNK) {
            int to = Math.min(deps.size(), from + CHUNK);
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO build_task_dependency (build_task_id, build_task_dependency) VALUES ");
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ",").append("(:t").append(i).append(", :d").append(i).append(")");
            }
            Query q = em.createNativeQuery(sql.toString());
            for (int i = from; i < to; i++) {
                q.setParameter("t" + i, taskIds.get(deps.get(i).task()))
                        .setParameter("d" + i, taskIds.get(deps.get(i).dependsOn()));
            }
            q.executeUpdate();
        }
        return buildId;
    }

    @SuppressWarnings("unchecked")
    private List<Long> reserve(String sequence, int count) {
        if (count == 0) {
            return List.of();
        }
        List<Number> ids = em.createNativeQuery("SELECT nextval('" + sequence + "') FROM generate_series(1, :n) g"
                + " ORDER BY g").setParameter("n", count).getResultList();
        List<Long> sorted = new ArrayList<>(ids.stream().map(Number::longValue).toList());
        sorted.sort(null);
        return sorted;
    }

    @Override
    public Optional<BuildHeader> find(long buildId) {
        return jdbc.query("SELECT id, owner_id, released, finished_at FROM builds WHERE id = ?", p -> p.lng(buildId),
                rs -> new BuildHeader(rs.getLong(1), new UserId(rs.getLong(2)), rs.getBoolean(3),
                        Jdbc.getInstant(rs, 4))).stream().findFirst();
    }

    @Override
    public List<Long> missing(Collection<Long> buildIds) {
        if (buildIds.isEmpty()) {
            return List.of();
        }
        Set<Long> found = new HashSet<>(jdbc.query("SELECT id FROM builds WHERE id = ANY (?)",
                p -> p.longs(buildIds), rs -> rs.getLong(1)));
        return buildIds.stream().filter(id -> !found.contains(id)).toList();
    }

    @Override
    public List<RestartPlanner.Candidate> restartCandidates(long buildId) {
        return jdbc.query("SELECT id, index, platform_id, arch, status FROM build_tasks WHERE build_id = ?"
                        + " ORDER BY index, id", p -> p.lng(buildId),
                rs -> new RestartPlanner.Candidate(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        BuildTaskStatus.ofCode(rs.getInt(5))));
    }

    @Override
    public void adjustOpenTasks(long buildId, int delta, Instant now) {
        // albs_adjust_open_tasks (migration V7), shared with the report function
        jdbc.call("SELECT albs_adjust_open_tasks(?, ?, ?)", p -> p.lng(buildId).integer(delta).time(now));
    }

    @Override
    public void delete(long buildId) {
        jdbc.query("SELECT id FROM build_tasks WHERE build_id = ? ORDER BY id FOR UPDATE", p -> p.lng(buildId),
                rs -> rs.getLong(1));
        jdbc.update("DELETE FROM builds WHERE id = ?", p -> p.lng(buildId));
    }
}
