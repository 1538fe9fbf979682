package org.albs.application.port.out;

import java.util.List;
import java.util.Map;

import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuiltArtifact;
import org.albs.domain.builds.Srpm;
import org.albs.domain.lease.Change;

/**
 * A node's report on its task, stored as one unit: the task's new state and history entry (as the task queue writes
 * them), what the task left behind (artifacts, node statistics, the artifact-store job), the commit its ref was
 * built from, the SRPM its siblings build from, its released dependants and the build's count of open tasks. The
 * build_done hot path, in one exchange with the store where it allows.
 */
public interface TaskResults {
    /**
     * @param change         the reported task's transition and its history entry
     * @param artifacts      stored with the task; when there are any, an import job (a {@code StoreJob} of kind
     *                       IMPORT_ARTIFACTS, waiting) hands them to the artifact store: the outbox
     * @param statistics     node and server statistics of the report
     * @param gitCommitHash  when not null, the commit the ref was built from
     * @param deliveredSrpm  when not null, every other task of the ref on the platform learns it
     * @param awaitsImport   the task's dependants keep waiting until its import is done; otherwise they stop
     *                       waiting for it now
     * @param tasksEnded     how many of the build's tasks this report and what came with it ended (the build's open
     *                       count drops by it). Applied last: it locks the build row, the last lock of every
     *                       transaction.
     */
    record Report(Change<BuildTask> change, List<BuiltArtifact> artifacts, Map<String, Object> statistics,
                  String gitCommitHash, Srpm deliveredSrpm, boolean awaitsImport, int tasksEnded) {
        public Report {
            artifacts = List.copyOf(artifacts);
        }

        public BuildTask task() {
            return change.work();
        }
    }

    /** Stores the report in the caller's transaction; returns the build's progress after it. */
    BuildProgress store(Report report);
}
