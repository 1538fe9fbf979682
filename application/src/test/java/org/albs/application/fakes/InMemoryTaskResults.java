package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.TaskResults;

/** {@link TaskResults} over a {@link BuildStore}: the same steps as the SQL function, one after the other. */
public final class InMemoryTaskResults implements TaskResults {
    private final BuildStore store;
    private final InMemoryTaskQueue queue;
    private final InMemoryBuilds builds;

    public InMemoryTaskResults(BuildStore store) {
        this.store = store;
        this.queue = new InMemoryTaskQueue(store);
        this.builds = new InMemoryBuilds(store);
    }

    @Override
    public void store(Report report, Instant now) {
        store.tx.requireActive("TaskResults.store");
        long taskId = report.task().id();
        queue.save(report.change());
        for (ArtifactReport a : report.artifacts()) {
            store.artifacts.add(new BuildStore.ArtifactRow(store.nextRowId(), taskId, a.name(), a.type(), a.href(),
                    a.sha256(), a.casHash()));
        }
        if (!report.artifacts().isEmpty()) {
            store.importJobs.add(new BuildStore.ImportJobRow(store.nextRowId(), taskId, "pending", 0, now, now, null));
        }
        store.stats.add(new BuildStore.StatsRow(store.nextRowId(), taskId, Json.copy(report.statistics())));
        if (report.gitCommitHash() != null) {
            BuildStore.RefRow ref = store.refs.get(report.task().refId());
            if (ref != null) {
                ref.gitCommitHash = report.gitCommitHash();
            }
        }
        if (report.hasCasInfo()) {
            BuildStore.TaskRow t = store.requireTask(taskId);
            t.almaCommitCasHash = report.almaCommitCasHash();
            t.casAuthenticated = report.casAuthenticated();
        }
        if (report.srpmUrl() != null) {
            store.tasks.values().stream()
                    .filter(t -> t.refId == report.task().refId() && t.platformId == report.task().platformId())
                    .forEach(t -> {
                        t.builtSrpmUrl = report.srpmUrl();
                        t.srpmHash = report.srpmHash();
                    });
        }
        queue.releaseDependants(report.task());
        if (report.buildTasksEnded() != 0) {
            builds.adjustOpenTasks(report.task().buildId(), -report.buildTasksEnded(), now);
        }
    }
}
