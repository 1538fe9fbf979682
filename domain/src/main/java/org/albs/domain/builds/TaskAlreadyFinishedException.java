package org.albs.domain.builds;

import org.albs.domain.ConflictException;

/**
 * A report for a task that is no longer the caller's to finish: already finished, or taken over by another node
 * after the caller's lease expired. The real node treats this 409 as "already done".
 */
public class TaskAlreadyFinishedException extends ConflictException {
    public TaskAlreadyFinishedException(String message) {
        super(message);
    }
}
