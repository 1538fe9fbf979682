package org.albs.domain.testing;

import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkStatus;

/** Upstream's TestTaskStatus: the numbers are on the wire and in the database, and this is their one mapping. */
public enum TestTaskStatus implements WorkStatus {
    CREATED(1, LeasePhase.WAITING),
    STARTED(2, LeasePhase.LEASED),
    COMPLETED(3, LeasePhase.ENDED),
    FAILED(4, LeasePhase.ENDED),
    CANCELLED(5, LeasePhase.ENDED);

    private final int code;
    private final LeasePhase phase;

    TestTaskStatus(int code, LeasePhase phase) {
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

    public boolean isFinished() {
        return phase == LeasePhase.ENDED;
    }

    public static TestTaskStatus ofCode(int code) {
        return WorkStatus.ofCode(TestTaskStatus.class, code);
    }
}
