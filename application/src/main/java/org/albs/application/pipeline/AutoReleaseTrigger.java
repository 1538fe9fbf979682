package org.albs.application.pipeline;

import java.time.Instant;

/**
 * Tells the automatic pipeline that a build may be ready for its next step (it settled without tests, a test result
 * came, it was signed). Called in the transaction that made the change, so the pipeline's job is written with it
 * (the outbox) and sees it.
 */
public interface AutoReleaseTrigger {
    /** The pipeline is not wired: nothing happens. */
    AutoReleaseTrigger OFF = (buildId, now) -> { };

    /** In the caller's transaction. */
    void buildMoved(long buildId, Instant now);
}
