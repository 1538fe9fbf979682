package org.albs.domain.builds;

/** Everything that can happen to a build task. */
public enum TaskEvent {
    /** A node took an idle task. */
    CLAIM,
    /** A node took a started task whose lease had expired. */
    RECLAIM,
    /** The lease expired and the task has had all its attempts. */
    LEASE_EXHAUSTED,
    /** The holder reported {@code done}. */
    DONE,
    /** The holder reported {@code failed}. */
    FAIL,
    /** The holder reported {@code excluded} (ExcludeArch/ExclusiveArch). */
    EXCLUDE,
    /** The owner cancelled the build. */
    CANCEL,
    /** The SRPM of its ref failed, so building this one is pointless. */
    FAST_FAIL,
    /** The owner restarted failed tasks. */
    RESTART
}
