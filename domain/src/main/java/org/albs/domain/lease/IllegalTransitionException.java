package org.albs.domain.lease;

import org.albs.domain.ConflictException;

/** An event that the item's current status does not allow in its kind's life cycle. */
public class IllegalTransitionException extends ConflictException {
    private final WorkStatus from;
    private final WorkEvent event;

    public IllegalTransitionException(String kind, WorkStatus from, WorkEvent event) {
        super(kind + " in state " + from.name() + " cannot take event " + event);
        this.from = from;
        this.event = event;
    }

    public WorkStatus from() {
        return from;
    }

    public WorkEvent event() {
        return event;
    }
}
