package org.albs.application.port.out;

import java.util.Optional;

import org.albs.domain.signing.GenKeyTask;

/**
 * Key-generation tasks on the lease queue: any sign node takes any of them, expired ones first, then the oldest
 * waiting one; every node asks on every loop, so a claim that finds nothing is one indexed look-up.
 */
public interface GenKeyTasks extends LeaseQueue<GenKeyTask, GenKeyTasks.AnyNode, GenKeyTask> {
    enum AnyNode {
        INSTANCE
    }

    long insert(GenKeyTask task);

    Optional<GenKeyTask> find(long id);
}
