package org.albs.domain.lease;

/** A kind of leased work that is not a build task, to show the lease rules do not depend on the kind. */
enum Job implements WorkStatus {
    QUEUED(1, LeasePhase.WAITING), RUNNING(2, LeasePhase.LEASED), DONE(3, LeasePhase.ENDED),
    BROKEN(4, LeasePhase.ENDED);

    static final Lifecycle<Job> LIFECYCLE = Lifecycle.of("Job", "worker", Job.class)
            .allow(QUEUED, WorkEvent.CLAIM, RUNNING)
            .allow(QUEUED, WorkEvent.CANCEL, BROKEN)
            .allow(RUNNING, WorkEvent.RECLAIM, RUNNING)
            .allow(RUNNING, WorkEvent.LEASE_EXHAUSTED, BROKEN)
            .allow(RUNNING, WorkEvent.DONE, DONE)
            .allow(RUNNING, WorkEvent.FAIL, BROKEN)
            .allow(BROKEN, WorkEvent.RESTART, QUEUED);

    private final int code;
    private final LeasePhase phase;

    Job(int code, LeasePhase phase) {
        this.code = code;
        this.phase = phase;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public LeasePhase phase() {
        return phase;
    }
}
