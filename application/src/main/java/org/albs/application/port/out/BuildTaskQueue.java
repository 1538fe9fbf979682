package org.albs.application.port.out;

import java.util.List;

import org.albs.domain.builds.BuildTask;

/**
 * Build tasks on the lease queue. Claimable: ready tasks (idle, with no unfinished dependency) of the node's arches
 * whose ref is not excluded, the owner with the fewest tasks in flight first (started with a live lease; ties: the
 * owner whose oldest ready task is oldest), FIFO by id within an owner. What only builds have: their dependencies.
 */
public interface BuildTaskQueue extends LeaseQueue<BuildTask, TaskCriteria, TaskAssignment> {
    /** Locks the build's idle tasks, in id order (cancel). */
    List<BuildTask> lockIdle(long buildId);

    /** Locks the idle tasks of one ref on one platform, in id order (fast-fail). */
    List<BuildTask> lockIdleSiblings(long refId, long platformId);

    /**
     * The task has ended: its dependants stop waiting for it. One that ended without running hands its own
     * unfinished dependencies on to its dependants and waits for nothing itself any more.
     */
    void releaseDependants(BuildTask ended);

    /**
     * The build's repositories exist in the artifact store: its tasks stop waiting for them (every task of a new
     * build waits for its build's repositories as for one more dependency).
     */
    void repositoriesReady(long buildId);

    /** Each pair is {task, dependsOn}; both are idle or restarted, locked by the caller. A pair given twice counts once. */
    void addDependencies(List<long[]> dependencies);
}
