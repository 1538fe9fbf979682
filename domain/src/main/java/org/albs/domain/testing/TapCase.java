package org.albs.domain.testing;

import java.util.Objects;

/**
 * One test line of a TAP log: its description (the directive's text when it has none), its outcome and the
 * diagnostic lines ({@code # …}) that follow it, joined with new lines (empty when there are none).
 */
public record TapCase(String testName, TapStatus status, String diagnostic) {
    public TapCase {
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
    }
}
