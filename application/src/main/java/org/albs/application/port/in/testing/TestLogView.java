package org.albs.application.port.in.testing;

/**
 * A log of a test of the latest revision: its name, the test task, and where to download it once imported into the
 * build's test-log repository ({@code url} null until then; {@code href} is what ALTS uploaded).
 */
public record TestLogView(long id, long testTaskId, String logName, String href, String url) {
}
