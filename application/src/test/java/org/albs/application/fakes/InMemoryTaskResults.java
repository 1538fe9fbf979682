package org.albs.application.fakes;

import org.albs.application.port.out.TaskResults;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuiltArtifact;

/** {@link TaskResults} over a {@link BuildStore}: the same steps as the SQL adapter, one after the other. */
public final class InMemoryTaskResults implements TaskResults {
    private final BuildStore store;
    private final InMemoryBuildTaskQueue queue;
    private final InMemoryBuilds builds;

    public InMemoryTaskResults(BuildStore store) {
        this.store = store;
        this.queue = new InMemoryBuildTaskQueue(store);
        this.builds = new InMemoryBuilds(store);
    }

    @Override
    public BuildProgress store(Report report) {
        store.tx.requireActive("TaskResults.store");
        BuildTask task = report.task();
        long taskId = task.id();
        queue.save(report.change());
        for (BuiltArtifact a : report.artifacts()) {
            store.artifacts.add(new BuildStore.ArtifactRow(store.nextRowId(), taskId, a.name(), a.type(), a.href(),
                    a.sha256(), a.casHash()));
        }
        if (!report.artifacts().isEmpty()) {
            new InMemoryStoreJobs(store).enqueue(StoreJob.waiting(StoreJobKind.IMPORT_ARTIFACTS,
                    StoreJob.Subject.task(task.buildId(), taskId), report.change().entry().at()));
        }
        store.stats.add(new BuildStore.StatsRow(store.nextRowId(), taskId, Json.copy(report.statistics())));
        if (report.gitCommitHash() != null) {
            store.refs.get(task.refId()).gitCommitHash = report.gitCommitHash();
        }
        if (report.deliveredSrpm() != null) {
            store.tasks.values().stream()
                    .filter(t -> t.task.refId() == task.refId() && t.task.platformId() == task.platformId()
                            && t.id() != taskId)
                    .forEach(t -> t.task = t.task.withSrpm(report.deliveredSrpm()));
        }
        if (!report.awaitsImport()) {
            queue.releaseDependants(task);
        }
        return builds.countOpenTasks(task.buildId(), -report.tasksEnded());
    }
}
