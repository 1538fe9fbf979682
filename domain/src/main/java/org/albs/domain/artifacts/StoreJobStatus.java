package org.albs.domain.artifacts;

import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkStatus;

/** The states of an artifact-store job; the numbers are in the database and the jobs API, and this is their one mapping. */
public enum StoreJobStatus implements WorkStatus {
    WAITING(0, LeasePhase.WAITING),
    RUNNING(1, LeasePhase.LEASED),
    DONE(2, LeasePhase.ENDED),
    FAILED(3, LeasePhase.ENDED);

    private final int code;
    private final LeasePhase phase;

    StoreJobStatus(int code, LeasePhase phase) {
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

    public static StoreJobStatus ofCode(int code) {
        return WorkStatus.ofCode(StoreJobStatus.class, code);
    }

    /** The status named in the jobs API ({@code waiting}, {@code running} ...), if it is one. */
    public static java.util.Optional<StoreJobStatus> named(String name) {
        for (StoreJobStatus s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
