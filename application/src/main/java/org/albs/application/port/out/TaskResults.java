package org.albs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a finished task leaves behind: artifacts, node statistics, the SRPM its siblings build from. */
public interface TaskResults {
    record ArtifactReport(String name, String type, String href, String sha256, String casHash) {
        public boolean isSourceRpm() {
            return type.equals("rpm") && name.endsWith(".src.rpm");
        }
    }

    /**
     * Stores the artifacts and statistics and, when there are artifacts, the durable job that hands them to the
     * artifact store; all in the caller's transaction.
     */
    void record(long taskId, List<ArtifactReport> artifacts, Map<String, Object> statistics, Instant now);

    void setRefCommit(long refId, String gitCommitHash);

    void setCasInfo(long taskId, String almaCommitCasHash, boolean casAuthenticated);

    /** Every task of the ref on the platform learns where its SRPM is and its hash. */
    void propagateSrpm(long refId, long platformId, String builtSrpmUrl, String srpmHash);
}
