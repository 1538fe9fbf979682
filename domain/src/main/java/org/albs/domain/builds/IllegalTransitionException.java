package org.albs.domain.builds;

import org.albs.domain.ConflictException;

/** An event that the task's current state does not allow. */
public class IllegalTransitionException extends ConflictException {
    private final BuildTaskStatus from;
    private final TaskEvent event;

    public IllegalTransitionException(BuildTaskStatus from, TaskEvent event) {
        super("Build task in state " + from + " cannot take event " + event);
        this.from = from;
        this.event = event;
    }

    public BuildTaskStatus from() {
        return from;
    }

    public TaskEvent event() {
        return event;
    }
}
