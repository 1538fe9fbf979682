package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.albs.application.port.out.AutoReleases;
import org.albs.domain.builds.BuildEvent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.signing.SignTask;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;

/** {@link AutoReleases} over the build store, the test tasks and the sign tasks, following {@code SqlAutoReleases}. */
public final class InMemoryAutoReleases implements AutoReleases {
    private final BuildStore store;
    private final InMemoryTestTasks tests;
    private final InMemorySignTasks signTasks;

    public InMemoryAutoReleases(BuildStore store, InMemoryTestTasks tests, InMemorySignTasks signTasks) {
        this.store = store;
        this.tests = tests;
        this.signTasks = signTasks;
    }

    @Override
    public Optional<BuildFacts> lockBuild(long buildId) {
        store.tx.requireActive("AutoReleases.lockBuild");
        BuildStore.BuildRow b = store.builds.get(buildId);
        if (b == null) {
            return Optional.empty();
        }
        List<BuildTask> tasks = store.tasksOf(buildId);
        int unfinished = (int) tasks.stream().filter(t -> t.state().phase() != LeasePhase.ENDED).count();
        int notCompleted = (int) tasks.stream().filter(t -> t.state().phase() == LeasePhase.ENDED
                && t.status() != BuildTaskStatus.COMPLETED).count();
        int importing = (int) store.jobs.values().stream().filter(j -> j.subject().buildId() == buildId
                && j.kind().importsBuildPackages() && j.status().phase() != LeasePhase.ENDED).count();
        List<TestTaskStatus> latest = new ArrayList<>();
        for (long taskId : tests.testedBuildTasks(buildId)) {
            tests.revision(taskId, tests.latestRevision(taskId)).stream().map(TestTask::status).forEach(latest::add);
        }
        Optional<Long> openSignTask = signTasks.page(Optional.of(buildId), 0, Integer.MAX_VALUE).stream()
                .filter(SignTask::open).map(SignTask::id).min(Long::compare);
        return Optional.of(new BuildFacts(buildId, b.owner, platformIds(buildId), unfinished, notCompleted,
                importing, latest, store.signedBuilds.containsKey(buildId), openSignTask, b.released,
                events(buildId)));
    }

    @Override
    public Set<Long> platformIds(long buildId) {
        Set<Long> ids = new TreeSet<>();
        store.tasksOf(buildId).forEach(t -> ids.add(t.platformId()));
        return ids;
    }

    @Override
    public void record(BuildEvent event) {
        store.tx.requireActive("AutoReleases.record");
        if (!store.builds.containsKey(event.buildId())) {
            throw new IllegalStateException("no build " + event.buildId());
        }
        store.events.add(event);
    }

    @Override
    public List<BuildEvent> events(long buildId) {
        return store.events.stream().filter(e -> e.buildId() == buildId).toList();
    }
}
