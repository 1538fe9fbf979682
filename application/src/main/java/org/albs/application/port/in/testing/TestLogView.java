package org.albs.application.port.in.testing;

import java.util.List;

/**
 * A log of a test of the latest revision, in upstream's shape ({@code TestLog}) plus this server's own fields.
 *
 * <ul>
 *   <li>{@code id} is the <b>test task's</b> id, as upstream's: the web UI finds a test's TAP results by comparing it
 *   with the test's id from {@code /latest}. The log's own id is {@code logId}; {@code testTaskId} repeats
 *   {@code id} (this server's field before {@code id} followed upstream).</li>
 *   <li>{@code logName}, and where to download it once imported into the build's test-log repository ({@code url}
 *   null until then; {@code href} is what ALTS uploaded).</li>
 *   <li>{@code tapResults}: the cases of a {@code tests_*} log read as TAP by its import (empty for every other log
 *   and until it is read); {@code success} (no case failed) and {@code logsFormat} ({@code tap}/{@code text}) are null
 *   until then. Upstream's {@code log} (the whole text) is not sent: the UI reads logs from the content app.</li>
 * </ul>
 */
public record TestLogView(long id, long testTaskId, long logId, String logName, String href, String url,
                          Boolean success, String logsFormat, List<TapResult> tapResults) {
    public TestLogView {
        tapResults = List.copyOf(tapResults);
    }

    /** One TAP case: {@code status} 1 failed, 2 done, 3 todo, 4 skipped. */
    public record TapResult(String testName, int status, String diagnostic) {
    }
}
