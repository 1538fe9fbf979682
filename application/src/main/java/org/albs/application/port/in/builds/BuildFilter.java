package org.albs.application.port.in.builds;

/** The filters of GET /builds/ (all optional). */
public record BuildFilter(Long createdBy, String project, String ref, Long platformId, String buildTaskArch,
                          Boolean isRunning) {
}
