package org.albs.application.port.out;

import java.time.Instant;

import org.albs.domain.sources.GitPush;

/**
 * The pushes already turned into builds, shared by every instance: a (repository, tag, commit) is recorded at most
 * once. Runs inside the caller's transaction, so a recorded push and its build commit or roll back together.
 */
public interface PushEvents {
    /**
     * Records the tag push unless it is recorded already; true when this call recorded it. A concurrent caller with
     * the same push waits for this transaction and then gets false.
     */
    boolean record(GitPush push, Instant now);

    /** The build made from a recorded push. */
    void attachBuild(GitPush push, long buildId);

    /** The build recorded for the push, if any. */
    java.util.Optional<Long> buildOf(GitPush push);
}
