package org.albs.domain.builds;

import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkStatus;

/** Upstream's BuildTaskStatus: the numbers are on the wire and in the database, and this is their one mapping. */
public enum BuildTaskStatus implements WorkStatus {
    IDLE(0, LeasePhase.WAITING),
    STARTED(1, LeasePhase.LEASED),
    COMPLETED(2, LeasePhase.ENDED),
    FAILED(3, LeasePhase.ENDED),
    EXCLUDED(4, LeasePhase.ENDED),
    CANCELLED(5, LeasePhase.ENDED);

    private final int code;
    private final LeasePhase phase;

    BuildTaskStatus(int code, LeasePhase phase) {
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

    public static BuildTaskStatus ofCode(int code) {
        return WorkStatus.ofCode(BuildTaskStatus.class, code);
    }
}
