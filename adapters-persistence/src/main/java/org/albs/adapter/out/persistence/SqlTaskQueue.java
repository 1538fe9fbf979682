package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskQueue;
import org.albs.domain.NotFoundException;
import org.albs.domain.build.BuildTask;
import org.albs.domain.build.BuildTaskRef;
import org.albs.domain.build.BuildTaskStatus;
import org.albs.domain.build.Lease;
import org.albs.domain.build.RefType;
import org.albs.domain.build.TaskEvent;
import org.albs.domain.build.TaskHistoryEntry;
import org.albs.domain.identity.UserId;
import org.albs.domain.platform.Platform;

/**
 * The dispatch queue in SQL. Claims are one indexed {@code … ORDER BY … LIMIT 1 FOR UPDATE SKIP LOCKED} each:
 * the ready queue is the partial index {@code (owner_id, id) WHERE status = 0 AND pending_deps = 0}, started tasks
 * the partial index on {@code lease_expires_at WHERE status = 1}.
 */
@ApplicationScoped
public class SqlTaskQueue implements TaskQueue {
    static final String COLUMNS = "t.id, t.build_id, t.platform_id, t.ref_id, t.owner_id, t.index, t.arch, t.status, "
            + "t.lease_holder, t.lease_expires_at, t.attempt, t.error, t.started_at, t.finished_at, t.built_srpm_url";

    private final EntityManager em;
    private final Platforms platforms;

    public SqlTaskQueue(EntityManager em, Platforms platforms) {
        this.em = em;
        this.platforms = platforms;
    }

    @Override
    public Optional<BuildTask> lockExpired(Collection<String> arches, List<String> excluded, Instant now) {
        Query q = em.createNativeQuery("SELECT " + COLUMNS + " FROM build_tasks t"
                + " WHERE t.status = 1 AND t.lease_expires_at <= :now AND t.arch IN (:arches)" + exclusion(excluded)
                + " ORDER BY t.lease_expires_at LIMIT 1 FOR UPDATE OF t SKIP LOCKED")
                .setParameter("now", Utc.of(now)).setParameter("arches", arches);
        return first(bindExclusion(q, excluded));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> ownersInFairShareOrder(Instant now) {
        // Loose index scan over the ready index for the distinct owners (there are few), then rank them.
        List<Number> owners = em.createNativeQuery("""
                        WITH RECURSIVE o(owner_id) AS (
                            (SELECT owner_id FROM build_tasks WHERE status = 0 AND pending_deps = 0
                              ORDER BY owner_id LIMIT 1)
                            UNION ALL
                            SELECT (SELECT b.owner_id FROM build_tasks b
                                     WHERE b.status = 0 AND b.pending_deps = 0 AND b.owner_id > o.owner_id
                                     ORDER BY b.owner_id LIMIT 1)
                              FROM o WHERE o.owner_id IS NOT NULL)
                        SELECT o.owner_id FROM o WHERE o.owner_id IS NOT NULL
                         ORDER BY (SELECT count(*) FROM build_tasks s WHERE s.status = 1 AND s.owner_id = o.owner_id
                                      AND s.lease_expires_at > :now),
                                  (SELECT min(r.id) FROM build_tasks r WHERE r.status = 0 AND r.pending_deps = 0
                                      AND r.owner_id = o.owner_id)""")
                .setParameter("now", Utc.of(now)).getResultList();
        return owners.stream().map(Number::longValue).toList();
    }

    @Override
    public Optional<BuildTask> lockNextReady(long ownerId, Collection<String> arches, List<String> excluded) {
        Query q = em.createNativeQuery("SELECT " + COLUMNS + " FROM build_tasks t"
                + " WHERE t.owner_id = :owner AND t.status = 0 AND t.pending_deps = 0 AND t.arch IN (:arches)"
                + exclusion(excluded) + " ORDER BY t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED")
                .setParameter("owner", ownerId).setParameter("arches", arches);
        return first(bindExclusion(q, excluded));
    }

    @Override
    public Optional<BuildTask> lock(long taskId) {
        return first(em.createNativeQuery("SELECT " + COLUMNS + " FROM build_tasks t WHERE t.id = :id FOR UPDATE")
                .setParameter("id", taskId));
    }

    @Override
    public List<BuildTask> lockIdle(long buildId) {
        return all(em.createNativeQuery("SELECT " + COLUMNS + " FROM build_tasks t"
                + " WHERE t.build_id = :b AND t.status = 0 ORDER BY t.id FOR UPDATE").setParameter("b", buildId));
    }

    @Override
    public List<BuildTask> lockIdleSiblings(long refId, long platformId) {
        return all(em.createNativeQuery("SELECT " + COLUMNS + " FROM build_tasks t"
                        + " WHERE t.ref_id = :r AND t.platform_id = :p AND t.status = 0 ORDER BY t.id FOR UPDATE")
                .setParameter("r", refId).setParameter("p", platformId));
    }

    @Override
    public List<BuildTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return all(em.createNativeQuery("SELECT " + COLUMNS + " FROM build_tasks t"
                        + " WHERE t.status = 1 AND t.lease_expires_at <= :now AND t.attempt >= :max"
                        + " ORDER BY t.lease_expires_at LIMIT :limit FOR UPDATE OF t SKIP LOCKED")
                .setParameter("now", Utc.of(now)).setParameter("max", maxAttempts).setParameter("limit", limit));
    }

    @Override
    public void save(BuildTask.Change change) {
        BuildTask t = change.task();
        TaskHistoryEntry e = change.entry();
        boolean claimed = e.event() == TaskEvent.CLAIM || e.event() == TaskEvent.RECLAIM;
        int updated = em.createNativeQuery("""
                        WITH u AS (
                            UPDATE build_tasks SET status = :status, lease_holder = :holder,
                                   lease_expires_at = :expires, attempt = :attempt, error = :error,
                                   started_at = :started, finished_at = :finished, built_srpm_url = :srpm,
                                   srpm_hash = CASE WHEN CAST(:srpm AS text) IS NULL THEN NULL ELSE srpm_hash END,
                                   pending_deps = CASE WHEN :restart THEN 0 ELSE pending_deps END,
                                   ts = CASE WHEN :claimed THEN CAST(:at AS timestamp)
                                             WHEN :restart THEN NULL ELSE ts END
                             WHERE id = :id RETURNING id)
                        INSERT INTO build_task_history (build_task_id, at, event, status, node_user_id, attempt, reason)
                        SELECT id, :at, :event, :status, :node, :attempt, :reason FROM u""")
                .setParameter("status", t.status().code())
                .setParameter("holder", t.lease() == null ? null : t.lease().holder().value())
                .setParameter("expires", t.lease() == null ? null : Utc.of(t.lease().expiresAt()))
                .setParameter("attempt", t.attempt())
                .setParameter("error", t.error())
                .setParameter("started", Utc.of(t.startedAt()))
                .setParameter("finished", Utc.of(t.finishedAt()))
                .setParameter("srpm", t.builtSrpmUrl())
                .setParameter("restart", e.event() == TaskEvent.RESTART)
                .setParameter("claimed", claimed)
                .setParameter("at", Utc.of(e.at()))
                .setParameter("id", t.id())
                .setParameter("event", e.event().name())
                .setParameter("node", e.node() == null ? null : e.node().value())
                .setParameter("reason", e.reason())
                .executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("build task " + t.id() + " vanished while being saved");
        }
    }

    @Override
    public void releaseDependants(long taskId) {
        // One statement: dependants inherit the finished task's own unfinished dependencies (only a task that
        // never ran has any), lose their edge to it, and their counters follow.
        em.createNativeQuery("""
                        WITH inherited AS (
                            INSERT INTO build_task_dependency (build_task_id, build_task_dependency)
                            SELECT d.build_task_id, x.build_task_dependency
                              FROM build_task_dependency d
                              JOIN build_task_dependency x ON x.build_task_id = d.build_task_dependency
                             WHERE d.build_task_dependency = :id
                            ON CONFLICT DO NOTHING
                            RETURNING build_task_id),
                        removed AS (
                            DELETE FROM build_task_dependency WHERE build_task_dependency = :id
                            RETURNING build_task_id),
                        own AS (
                            DELETE FROM build_task_dependency WHERE build_task_id = :id RETURNING build_task_id),
                        delta AS (
                            SELECT build_task_id, count(*) AS n FROM inherited GROUP BY build_task_id
                            UNION ALL
                            SELECT build_task_id, -count(*) FROM removed GROUP BY build_task_id)
                        UPDATE build_tasks t SET pending_deps = t.pending_deps + s.n
                          FROM (SELECT build_task_id, sum(n) AS n FROM delta GROUP BY build_task_id) s
                         WHERE t.id = s.build_task_id""")
                .setParameter("id", taskId).executeUpdate();
    }

    @Override
    public void addDependencies(List<long[]> dependencies) {
        for (long[] d : dependencies) {
            em.createNativeQuery("""
                            WITH added AS (
                                INSERT INTO build_task_dependency (build_task_id, build_task_dependency)
                                VALUES (:task, :dep) ON CONFLICT DO NOTHING RETURNING build_task_id)
                            UPDATE build_tasks SET pending_deps = pending_deps + 1
                             WHERE id IN (SELECT build_task_id FROM added)""")
                    .setParameter("task", d[0]).setParameter("dep", d[1]).executeUpdate();
        }
    }

    @Override
    public int renewLeases(UserId holder, Collection<Long> taskIds, Instant now, Instant expiresAt) {
        return em.createNativeQuery("UPDATE build_tasks SET ts = :now, lease_expires_at = :expires"
                        + " WHERE id IN (:ids) AND status = 1 AND lease_holder = :holder")
                .setParameter("now", Utc.of(now)).setParameter("expires", Utc.of(expiresAt))
                .setParameter("ids", taskIds).setParameter("holder", holder.value()).executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskAssignment assignment(long taskId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT t.id, t.build_id, t.arch, t.platform_id, t.mock_options, t.is_secure_boot,
                               t.built_srpm_url, t.srpm_hash, t.alma_commit_cas_hash, t.is_cas_authenticated,
                               r.url, r.git_ref, r.ref_type, r.git_commit_hash, b.mock_options, u.username, u.email,
                               (SELECT string_agg(d.build_dependency::text, ',' ORDER BY d.build_dependency)
                                  FROM build_dependency d WHERE d.build_id = b.id)
                          FROM build_tasks t
                          JOIN build_task_refs r ON r.id = t.ref_id
                          JOIN builds b ON b.id = t.build_id
                          JOIN users u ON u.id = b.owner_id
                         WHERE t.id = :id""").setParameter("id", taskId).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("Build task with id " + taskId + " is not found");
        }
        Object[] r = rows.get(0);
        Platform platform = platforms.findById(Rows.lng(r[3])).orElseThrow();
        BuildTaskRef ref = new BuildTaskRef(Rows.str(r[10]), Rows.str(r[11]),
                RefType.ofCode(Rows.integer(r[12])).orElse(RefType.GIT_BRANCH), Rows.str(r[13]), null, null);
        List<Long> linked = new ArrayList<>();
        if (r[17] != null) {
            for (String id : r[17].toString().split(",")) {
                linked.add(Long.parseLong(id));
            }
        }
        return new TaskAssignment(Rows.lng(r[0]), Rows.lng(r[1]), Rows.str(r[2]), ref, platform, Rows.str(r[15]),
                Rows.str(r[16]), Json.map(r[14]), Json.map(r[4]), Rows.bool(r[5]), Rows.str(r[6]), Rows.str(r[7]),
                Rows.str(r[8]), Rows.bool(r[9]), linked);
    }

    /** ILIKE on the ref URL, one bound pattern per excluded package (case-insensitive substring, as upstream). */
    private static String exclusion(List<String> excluded) {
        if (excluded.isEmpty()) {
            return "";
        }
        StringBuilder sql = new StringBuilder(" AND NOT EXISTS (SELECT 1 FROM build_task_refs x WHERE x.id = t.ref_id AND (");
        for (int i = 0; i < excluded.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("x.url ILIKE :ex").append(i).append(" ESCAPE '\\'");
        }
        return sql.append("))").toString();
    }

    private static Query bindExclusion(Query q, List<String> excluded) {
        for (int i = 0; i < excluded.size(); i++) {
            String literal = excluded.get(i).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            q.setParameter("ex" + i, "%" + literal + "%");
        }
        return q;
    }

    private static Optional<BuildTask> first(Query q) {
        return all(q).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    static List<BuildTask> all(Query q) {
        List<Object[]> rows = q.getResultList();
        List<BuildTask> tasks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Long holder = Rows.lng(r[8]);
            Instant expires = Rows.instant(r[9]);
            tasks.add(new BuildTask(Rows.lng(r[0]), Rows.lng(r[1]), Rows.lng(r[2]), Rows.lng(r[3]),
                    new UserId(Rows.lng(r[4])), Rows.integer(r[5]), Rows.str(r[6]),
                    BuildTaskStatus.ofCode(Rows.integer(r[7])),
                    holder == null || expires == null ? null : new Lease(new UserId(holder), expires),
                    Rows.integer(r[10]), Rows.str(r[11]), Rows.instant(r[12]), Rows.instant(r[13]), Rows.str(r[14])));
        }
        return tasks;
    }
}
