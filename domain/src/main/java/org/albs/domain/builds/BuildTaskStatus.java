package org.albs.domain.builds;

/** Upstream's BuildTaskStatus values; the numbers are on the wire and in the database. */
public enum BuildTaskStatus {
    IDLE(0), STARTED(1), COMPLETED(2), FAILED(3), EXCLUDED(4), CANCELLED(5);

    private final int code;

    BuildTaskStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isFinished() {
        return this != IDLE && this != STARTED;
    }

    public static BuildTaskStatus ofCode(int code) {
        for (BuildTaskStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown build task status " + code);
    }
}
