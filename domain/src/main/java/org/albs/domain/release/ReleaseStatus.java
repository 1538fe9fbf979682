package org.albs.domain.release;

import java.util.Optional;

/** Where a release is, with upstream's numbers (the only place they are written). */
public enum ReleaseStatus {
    SCHEDULED(1),
    IN_PROGRESS(2),
    COMPLETED(3),
    FAILED(4),
    REVERTED(5);

    private final int code;

    ReleaseStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ReleaseStatus> ofCode(int code) {
        for (ReleaseStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
