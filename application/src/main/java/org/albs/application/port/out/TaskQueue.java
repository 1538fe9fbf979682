package org.albs.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.builds.BuildTask;
import org.albs.domain.identity.UserId;

/**
 * The dispatch queue. Every {@code lock…} method takes row locks that skip rows other transactions hold, so
 * concurrent nodes and server instances never get the same task.
 */
public interface TaskQueue {
    /**
     * The next task for a node of these arches, locked: the started task whose lease expired first, else the
     * oldest ready task of the owner with the fewest tasks in flight (started with a live lease; ties: the owner
     * whose oldest ready task is oldest). Tasks whose ref URL contains an excluded package are skipped.
     */
    Optional<BuildTask> lockNext(Collection<String> arches, List<String> excludedPackages, Instant now);

    /** Waits for the lock: for reports and user actions on one known task. */
    Optional<BuildTask> lock(long taskId);

    List<BuildTask> lockIdle(long buildId);

    List<BuildTask> lockIdleSiblings(long refId, long platformId);

    /** Started tasks whose last allowed lease has expired (for the sweeper). */
    List<BuildTask> lockExhausted(Instant now, int maxAttempts, int limit);

    /** Writes the task's new state and appends the history entry. */
    void save(BuildTask.Change change);

    /**
     * The task has finished: its dependants stop waiting for it; if it never ran, they wait for its own
     * unfinished dependencies instead.
     */
    void releaseDependants(BuildTask finished);

    /** Each pair is {task, dependsOn}; both tasks are idle. */
    void addDependencies(List<long[]> dependencies);

    /** Pushes the lease of the holder's started tasks among these forward; others are untouched. */
    int renewLeases(UserId holder, Collection<Long> taskIds, Instant now, Instant expiresAt);

    /** Saves a claim (or a take-over) and returns everything the node needs to build the task. */
    TaskAssignment claim(BuildTask.Change change);
}
