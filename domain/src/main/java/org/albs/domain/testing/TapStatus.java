package org.albs.domain.testing;

/** The outcome of one test case of a TAP log, with upstream's codes ({@code TestCaseStatus}), as the web UI reads them. */
public enum TapStatus {
    FAILED(1), DONE(2), TODO(3), SKIPPED(4);

    private final int code;

    TapStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TapStatus of(int code) {
        for (TapStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no TAP status " + code);
    }
}
