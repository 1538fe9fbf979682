package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.albs.application.build.BuildFilter;
import org.albs.application.build.BuildView;
import org.albs.application.port.out.BuildQueries;

/**
 * The build feed. A page is chosen on {@code builds} alone (filters are EXISTS probes, never a join-then-DISTINCT
 * over tasks and artifacts as upstream did), then the page's ten builds are loaded with a handful of IN queries.
 */
@ApplicationScoped
public class SqlBuildQueries implements BuildQueries {
    private final EntityManager em;

    public SqlBuildQueries(EntityManager em) {
        this.em = em;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> page(BuildFilter filter, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        Query q = em.createNativeQuery("SELECT b.id FROM builds b" + where(filter, params)
                + " ORDER BY b.id DESC OFFSET :offset LIMIT :limit");
        params.forEach(q::setParameter);
        List<Number> ids = q.setParameter("offset", offset).setParameter("limit", limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @Override
    public long count(BuildFilter filter) {
        if (filter.equals(new BuildFilter(null, null, null, null, null, null))) {
            // kept exact by triggers (migration V6): no scan of every build for the unfiltered feed
            return ((Number) em.createNativeQuery("SELECT total FROM build_totals WHERE id = 1").getSingleResult())
                    .longValue();
        }
        Map<String, Object> params = new HashMap<>();
        Query q = em.createNativeQuery("SELECT count(*) FROM builds b" + where(filter, params));
        params.forEach(q::setParameter);
        return ((Number) q.getSingleResult()).longValue();
    }

    private static String where(BuildFilter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.createdBy() != null) {
            clauses.add("b.owner_id = :createdBy");
            params.put("createdBy", f.createdBy());
        }
        if (f.project() != null) {
            clauses.add("EXISTS (SELECT 1 FROM build_task_refs r WHERE r.build_id = b.id AND r.url LIKE :project ESCAPE '\\')");
            params.put("project", "%/" + like(f.project()) + "%");
        }
        if (f.ref() != null) {
            clauses.add("EXISTS (SELECT 1 FROM build_task_refs r WHERE r.build_id = b.id"
                    + " AND (r.url LIKE :ref ESCAPE '\\' OR r.git_ref LIKE :ref ESCAPE '\\'))");
            params.put("ref", "%" + like(f.ref()) + "%");
        }
        if (f.platformId() != null) {
            clauses.add("EXISTS (SELECT 1 FROM build_tasks t WHERE t.build_id = b.id AND t.platform_id = :platformId)");
            params.put("platformId", f.platformId());
        }
        if (f.buildTaskArch() != null) {
            clauses.add("EXISTS (SELECT 1 FROM build_tasks t WHERE t.build_id = b.id AND t.arch = :arch)");
            params.put("arch", f.buildTaskArch());
        }
        if (f.isRunning() != null) {
            clauses.add(f.isRunning() ? "b.finished_at IS NULL" : "b.finished_at IS NOT NULL");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<BuildView> views(List<Long> ids, boolean withHistory) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> linked = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("SELECT build_id, build_dependency FROM build_dependency"
                + " WHERE build_id IN (:ids) ORDER BY build_dependency").setParameter("ids", ids).getResultList()) {
            linked.computeIfAbsent(Rows.lng(r[0]), k -> new ArrayList<>()).add(Rows.lng(r[1]));
        }
        Map<Long, List<BuildView.Artifact>> artifacts = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                SELECT a.id, a.build_task_id, a.name, a.type, a.href, a.sha256, a.cas_hash, a.meta
                  FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id
                 WHERE t.build_id IN (:ids) ORDER BY a.id""").setParameter("ids", ids).getResultList()) {
            artifacts.computeIfAbsent(Rows.lng(r[1]), k -> new ArrayList<>()).add(new BuildView.Artifact(
                    Rows.lng(r[0]), Rows.str(r[2]), Rows.str(r[3]), Rows.str(r[4]), Rows.str(r[5]), Rows.str(r[6]),
                    Json.map(r[7])));
        }
        Map<Long, List<BuildView.PerformanceStats>> stats = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                SELECT s.id, s.build_task_id, s.statistics
                  FROM performance_stats s JOIN build_tasks t ON t.id = s.build_task_id
                 WHERE t.build_id IN (:ids) ORDER BY s.id""").setParameter("ids", ids).getResultList()) {
            stats.computeIfAbsent(Rows.lng(r[1]), k -> new ArrayList<>()).add(new BuildView.PerformanceStats(
                    Rows.lng(r[0]), Rows.lng(r[1]), null, null, Json.map(r[2])));
        }
        Map<Long, List<BuildView.ArtifactImport>> imports = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                SELECT j.id, j.build_task_id, j.state, j.attempts, j.created_at, j.last_error
                  FROM artifact_import_jobs j JOIN build_tasks t ON t.id = j.build_task_id
                 WHERE t.build_id IN (:ids) ORDER BY j.id""").setParameter("ids", ids).getResultList()) {
            imports.computeIfAbsent(Rows.lng(r[1]), k -> new ArrayList<>()).add(new BuildView.ArtifactImport(
                    Rows.lng(r[0]), Rows.str(r[2]), Rows.integer(r[3]), Rows.time(r[4]), Rows.str(r[5])));
        }
        Map<Long, List<BuildView.HistoryEntry>> history = new HashMap<>();
        if (withHistory) {
            for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                    SELECT h.build_task_id, h.at, h.event, h.status, h.node_user_id, h.attempt, h.reason
                      FROM build_task_history h JOIN build_tasks t ON t.id = h.build_task_id
                     WHERE t.build_id IN (:ids) ORDER BY h.id""").setParameter("ids", ids).getResultList()) {
                history.computeIfAbsent(Rows.lng(r[0]), k -> new ArrayList<>()).add(new BuildView.HistoryEntry(
                        Rows.time(r[1]), Rows.str(r[2]), Rows.integer(r[3]), Rows.lng(r[4]), Rows.integer(r[5]),
                        Rows.str(r[6])));
            }
        }
        Map<Long, List<BuildView.Task>> tasks = new HashMap<>();
        Map<Long, BuildView.Platform> platforms = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                SELECT t.id, t.build_id, t.ts, t.started_at, t.finished_at, t.status, t.index, t.arch,
                       t.platform_id, p.type, p.name, p.arch_list,
                       r.url, r.git_ref, r.ref_type, r.git_commit_hash, r.mock_options, r.test_configuration,
                       t.is_cas_authenticated, t.alma_commit_cas_hash, t.mock_options, t.is_secure_boot, t.error,
                       t.attempt, t.lease_holder, t.lease_expires_at, t.built_srpm_url, t.srpm_hash
                  FROM build_tasks t
                  JOIN build_task_refs r ON r.id = t.ref_id
                  JOIN platforms p ON p.id = t.platform_id
                 WHERE t.build_id IN (:ids) ORDER BY t.id""").setParameter("ids", ids).getResultList()) {
            long taskId = Rows.lng(r[0]);
            BuildView.Platform platform = platforms.computeIfAbsent(Rows.lng(r[8]), id ->
                    new BuildView.Platform(id, Rows.str(r[9]), Rows.str(r[10]), Json.strings(r[11])));
            BuildView.Ref ref = new BuildView.Ref(Rows.str(r[12]), Rows.str(r[13]), Rows.integer(r[14]),
                    Rows.str(r[15]), Json.map(r[16]), false, true, Json.map(r[17]), List.of(), null, null);
            tasks.computeIfAbsent(Rows.lng(r[1]), k -> new ArrayList<>()).add(new BuildView.Task(taskId,
                    Rows.time(r[2]), Rows.time(r[3]), Rows.time(r[4]), Rows.integer(r[5]), Rows.integer(r[6]),
                    Rows.str(r[7]), platform, ref, List.of(), artifacts.getOrDefault(taskId, List.of()),
                    Rows.bool(r[18]), Rows.str(r[19]), Json.map(r[20]), Rows.bool(r[21]), List.of(),
                    Rows.str(r[22]), stats.getOrDefault(taskId, List.of()), Rows.integer(r[23]), Rows.lng(r[24]),
                    Rows.time(r[25]), Rows.str(r[26]), Rows.str(r[27]), imports.getOrDefault(taskId, List.of()),
                    withHistory ? history.getOrDefault(taskId, List.of()) : null));
        }
        Map<Long, BuildView> byId = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                SELECT b.id, b.created_at, b.finished_at, b.owner_id, u.username, u.email, b.mock_options,
                       b.release_id, b.released, b.cancel_testing, b.is_secure_boot, b.product_id, b.open_tasks
                  FROM builds b JOIN users u ON u.id = b.owner_id WHERE b.id IN (:ids)""")
                .setParameter("ids", ids).getResultList()) {
            long id = Rows.lng(r[0]);
            byId.put(id, new BuildView(id, Rows.time(r[1]), Rows.time(r[2]), tasks.getOrDefault(id, List.of()),
                    new BuildView.Owner(Rows.lng(r[3]), Rows.str(r[4]), Rows.str(r[5])), List.of(),
                    linked.getOrDefault(id, List.of()), Json.map(r[6]), List.of(), Rows.lng(r[7]), Rows.bool(r[8]),
                    Rows.bool(r[9]), List.of(), Rows.bool(r[10]), Rows.lng(r[11]), Rows.integer(r[12])));
        }
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }
}
