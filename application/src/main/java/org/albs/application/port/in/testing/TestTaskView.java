package org.albs.application.port.in.testing;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.albs.application.port.in.builds.BuildView;

/**
 * A test task as the API shows it: upstream's {@code TestTask} fields (id, package, status, revision, ALTS's whole
 * result, performance statistics) plus what this server adds (build task, arch, lease attempts, error, times,
 * history). Times are naive UTC.
 */
public record TestTaskView(long id, long buildTaskId, String packageName, String packageVersion,
                           String packageRelease, String packageEpoch, String envArch, int status, int revision,
                           Map<String, Object> altsResponse, List<BuildView.PerformanceStats> performanceStats,
                           int attempt, String error, LocalDateTime startedAt, LocalDateTime finishedAt,
                           List<BuildView.HistoryEntry> history) {
}
