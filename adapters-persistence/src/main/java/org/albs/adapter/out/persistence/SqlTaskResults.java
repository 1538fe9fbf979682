package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.albs.application.port.out.TaskResults;

@ApplicationScoped
public class SqlTaskResults implements TaskResults {
    private final EntityManager em;

    public SqlTaskResults(EntityManager em) {
        this.em = em;
    }

    @Override
    public void record(long taskId, List<ArtifactReport> artifacts, Map<String, Object> statistics, Instant now) {
        if (!artifacts.isEmpty()) {
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, cas_hash) VALUES ");
            for (int i = 0; i < artifacts.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(:t, :n").append(i).append(", :ty").append(i).append(", :h")
                        .append(i).append(", :s").append(i).append(", :c").append(i).append(")");
            }
            Query q = em.createNativeQuery(sql.toString()).setParameter("t", taskId);
            for (int i = 0; i < artifacts.size(); i++) {
                ArtifactReport a = artifacts.get(i);
                q.setParameter("n" + i, a.name()).setParameter("ty" + i, a.type()).setParameter("h" + i, a.href())
                        .setParameter("s" + i, a.sha256()).setParameter("c" + i, a.casHash());
            }
            q.executeUpdate();
            em.createNativeQuery("INSERT INTO artifact_import_jobs (build_task_id, created_at, next_attempt_at)"
                    + " VALUES (:t, :now, :now)").setParameter("t", taskId).setParameter("now", Utc.of(now))
                    .executeUpdate();
        }
        em.createNativeQuery("INSERT INTO performance_stats (build_task_id, statistics) VALUES (:t, CAST(:s AS jsonb))")
                .setParameter("t", taskId).setParameter("s", Json.write(statistics)).executeUpdate();
    }

    @Override
    public void setRefCommit(long refId, String gitCommitHash) {
        em.createNativeQuery("UPDATE build_task_refs SET git_commit_hash = :h WHERE id = :id")
                .setParameter("h", gitCommitHash).setParameter("id", refId).executeUpdate();
    }

    @Override
    public void setCasInfo(long taskId, String almaCommitCasHash, boolean casAuthenticated) {
        em.createNativeQuery("UPDATE build_tasks SET alma_commit_cas_hash = :h, is_cas_authenticated = :a WHERE id = :id")
                .setParameter("h", almaCommitCasHash).setParameter("a", casAuthenticated).setParameter("id", taskId)
                .executeUpdate();
    }

    @Override
    public void propagateSrpm(long refId, long platformId, String builtSrpmUrl, String srpmHash) {
        em.createNativeQuery("UPDATE build_tasks SET built_srpm_url = :u, srpm_hash = :h"
                        + " WHERE ref_id = :r AND platform_id = :p")
                .setParameter("u", builtSrpmUrl).setParameter("h", srpmHash).setParameter("r", refId)
                .setParameter("p", platformId).executeUpdate();
    }
}
