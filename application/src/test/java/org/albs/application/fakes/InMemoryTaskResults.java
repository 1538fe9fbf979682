package org.albs.application.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.application.port.out.TaskResults;

/** {@link TaskResults} over a {@link BuildStore}. */
public final class InMemoryTaskResults implements TaskResults {
    private final BuildStore store;

    public InMemoryTaskResults(BuildStore store) {
        this.store = store;
    }

    @Override
    public void record(long taskId, List<ArtifactReport> artifacts, Map<String, Object> statistics, Instant now) {
        store.tx.requireActive("TaskResults.record");
        store.requireTask(taskId);
        for (ArtifactReport a : artifacts) {
            store.artifacts.add(new BuildStore.ArtifactRow(store.nextRowId(), taskId, a.name(), a.type(), a.href(),
                    a.sha256(), a.casHash()));
        }
        if (!artifacts.isEmpty()) {
            store.importJobs.add(new BuildStore.ImportJobRow(store.nextRowId(), taskId, "pending", 0, now, now, null));
        }
        store.stats.add(new BuildStore.StatsRow(store.nextRowId(), taskId, Json.copy(statistics)));
    }

    @Override
    public void setRefCommit(long refId, String gitCommitHash) {
        store.tx.requireActive("TaskResults.setRefCommit");
        BuildStore.RefRow ref = store.refs.get(refId);
        if (ref != null) {
            ref.gitCommitHash = gitCommitHash;
        }
    }

    @Override
    public void setCasInfo(long taskId, String almaCommitCasHash, boolean casAuthenticated) {
        store.tx.requireActive("TaskResults.setCasInfo");
        BuildStore.TaskRow t = store.tasks.get(taskId);
        if (t != null) {
            t.almaCommitCasHash = almaCommitCasHash;
            t.casAuthenticated = casAuthenticated;
        }
    }

    @Override
    public void propagateSrpm(long refId, long platformId, String builtSrpmUrl, String srpmHash) {
        store.tx.requireActive("TaskResults.propagateSrpm");
        store.tasks.values().stream().filter(t -> t.refId == refId && t.platformId == platformId).forEach(t -> {
            t.builtSrpmUrl = builtSrpmUrl;
            t.srpmHash = srpmHash;
        });
    }
}
