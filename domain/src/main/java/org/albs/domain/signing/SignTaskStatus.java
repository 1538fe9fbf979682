package org.albs.domain.signing;

import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkStatus;

/**
 * Upstream's SignStatus, shared by sign tasks and key-generation tasks: the numbers are on the wire and in the
 * database, and this is their one mapping.
 */
public enum SignTaskStatus implements WorkStatus {
    IDLE(1, LeasePhase.WAITING),
    IN_PROGRESS(2, LeasePhase.LEASED),
    COMPLETED(3, LeasePhase.ENDED),
    FAILED(4, LeasePhase.ENDED);

    private final int code;
    private final LeasePhase phase;

    SignTaskStatus(int code, LeasePhase phase) {
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

    public static SignTaskStatus ofCode(int code) {
        return WorkStatus.ofCode(SignTaskStatus.class, code);
    }
}
