package org.albs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.domain.builds.BuildTask;

/**
 * A node's report on its task, stored as one unit: the task's new state, what the task left behind (artifacts,
 * node statistics, the artifact-store job), the SRPM its siblings build from, its released dependants and the
 * build's count of unfinished tasks. This is the build_done hot path: one round trip where the store allows it.
 */
public interface TaskResults {
    record ArtifactReport(String name, String type, String href, String sha256, String casHash) {
        public boolean isSourceRpm() {
            return type.equals("rpm") && name.endsWith(".src.rpm");
        }
    }

    /**
     * @param change           the reported task's transition (a started task finishing) and its history entry
     * @param artifacts        stored with the task; when there are any, a durable job hands them to the artifact
     *                         store
     * @param statistics       node and server statistics of the report
     * @param gitCommitHash    when not null, the commit the ref was built from
     * @param almaCommitCasHash CAS facts of the task, stored when the hash is given or {@code casAuthenticated}
     * @param srpmUrl          when not null, every task of the ref on the platform learns its SRPM and
     *                         {@code srpmHash}
     * @param buildTasksEnded  how many of the build's tasks this report and what came with it in the transaction
     *                         ended (the build's unfinished count drops by it; at 0 the build is finished). Applied
     *                         last: it locks the build row, the last lock of every transaction.
     */
    record Report(BuildTask.Change change, List<ArtifactReport> artifacts, Map<String, Object> statistics,
                  String gitCommitHash, String almaCommitCasHash, boolean casAuthenticated,
                  String srpmUrl, String srpmHash, int buildTasksEnded) {
        public Report {
            artifacts = List.copyOf(artifacts);
        }

        public BuildTask task() {
            return change.task();
        }

        public boolean hasCasInfo() {
            return almaCommitCasHash != null || casAuthenticated;
        }
    }

    /** Stores the report in the caller's transaction. */
    void store(Report report, Instant now);
}
