package org.albs.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.albs.domain.builds.BuildEvent;
import org.albs.domain.identity.UserId;
import org.albs.domain.testing.TestTaskStatus;

/**
 * What the automatic pipeline reads of a build and records of it: the facts its next step is decided from, and the
 * build's own history (its events, shown with the build). Every method runs in the caller's transaction.
 */
public interface AutoReleases {
    /**
     * What the pipeline decides from, read with the build row locked (the last lock of the transaction, as the
     * other flows that change a build take it).
     *
     * @param platformIds   the platforms of its tasks
     * @param unfinished    tasks not ended
     * @param notCompleted  tasks ended otherwise than completed (failed, excluded, cancelled)
     * @param importing     open store jobs that put its packages into its repositories
     *                      ({@code StoreJobKind.importsBuildPackages})
     * @param latestTests   the status of each test of the latest revision of each of its build tasks
     * @param openSignTask  its waiting or running sign task
     * @param events        its history, oldest first
     */
    record BuildFacts(long buildId, UserId owner, Set<Long> platformIds, int unfinished, int notCompleted,
                      int importing, List<TestTaskStatus> latestTests, boolean signed, Optional<Long> openSignTask,
                      boolean released, List<BuildEvent> events) {
        public BuildFacts {
            platformIds = Set.copyOf(platformIds);
            latestTests = List.copyOf(latestTests);
            events = List.copyOf(events);
        }
    }

    /** Locks the build and reads its facts; empty when it does not exist. */
    Optional<BuildFacts> lockBuild(long buildId);

    /** The platforms of the build's tasks, without locking anything (empty: no such build). */
    Set<Long> platformIds(long buildId);

    /** Adds a line to the build's history. */
    void record(BuildEvent event);

    /** The build's history, oldest first. */
    List<BuildEvent> events(long buildId);
}
