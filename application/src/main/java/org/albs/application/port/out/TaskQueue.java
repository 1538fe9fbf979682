package org.albs.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.build.BuildTask;
import org.albs.domain.identity.UserId;

/**
 * The dispatch queue. Every {@code lock…} method takes row locks that skip rows other transactions hold, so
 * concurrent nodes and server instances never get the same task.
 */
public interface TaskQueue {
    /** The started task whose lease expired first, of these arches, not excluded; locked. */
    Optional<BuildTask> lockExpired(Collection<String> arches, List<String> excludedPackages, Instant now);

    /**
     * Owners with ready tasks, fewest tasks in flight (started with a live lease) first, ties broken by the
     * oldest ready task.
     */
    List<Long> ownersInFairShareOrder(Instant now);

    /** The owner's oldest ready task of these arches, not excluded; locked. */
    Optional<BuildTask> lockNextReady(long ownerId, Collection<String> arches, List<String> excludedPackages);

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
    void releaseDependants(long taskId);

    /** Each pair is {task, dependsOn}; both tasks are idle. */
    void addDependencies(List<long[]> dependencies);

    /** Pushes the lease of the holder's started tasks among these forward; others are untouched. */
    int renewLeases(UserId holder, Collection<Long> taskIds, Instant now, Instant expiresAt);

    /** Everything a node needs to build the task. */
    TaskAssignment assignment(long taskId);
}
