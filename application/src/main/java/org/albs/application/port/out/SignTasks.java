package org.albs.application.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.identity.UserId;
import org.albs.domain.signing.SignTask;

/**
 * Sign tasks on the lease queue, and what signing needs of their builds. Claimable: tasks of the claimant's keys
 * (key ids matched without regard to case) that are waiting, oldest first, after held ones whose lease expired and
 * that were not reported yet (a reported task waits for its signing job, nobody else's to take). The payload of a
 * claim is the task's key and the build's packages.
 */
public interface SignTasks extends LeaseQueue<SignTask, SignTasks.Criteria, SignTasks.Assignment> {
    /** The key ids a sign node signs with. */
    record Criteria(List<String> keyIds) {
        public Criteria {
            keyIds = List.copyOf(keyIds);
        }
    }

    /**
     * A package of a build that signing deals with: an RPM of a completed task, its task's arch and platform, the
     * stored unit it is in the build's repositories (null: it was kept with its task, not imported).
     */
    record BuildPackage(long artifactId, String name, String taskArch, String platformName, String contentHandle,
                        String casHash) {
    }

    /** What a sign node gets with a task: the key's id, whether files are signed too, and the build's packages. */
    record Assignment(String keyid, boolean signFiles, List<BuildPackage> packages) {
    }

    /** What creating a sign task checks of the build, read with the build locked (creations of one build queue). */
    /** {@code productId}: the product the build was created for (its team's roles guard it), null for none. */
    record BuildFacts(long buildId, UserId owner, Long productId, boolean signed, int sourceRpms, int binaryRpms,
                      int unfinishedTasks, int pendingImports, Optional<Long> openSignTask) {
    }

    /** A signed file, as the store holds it, and where the node uploaded it. */
    record Signed(String href, StoredContent content) {
    }

    /** Adds a waiting task in the caller's transaction; returns its id. */
    long insert(SignTask task);

    Optional<SignTask> find(long id);

    /** Tasks of a build, or every task, newest first. */
    List<SignTask> page(Optional<Long> buildId, int offset, int limit);

    long count(Optional<Long> buildId);

    /** Locks the build (empty: it does not exist) and reads what a new sign task needs of it. */
    Optional<BuildFacts> lockBuild(long buildId);

    /** The RPMs of the build's completed tasks, by artifact id. */
    List<BuildPackage> packages(long buildId);

    /**
     * The build is signed with the key: each artifact named here points at its signed file and is tagged with the
     * key, and the build says it is signed and by which key.
     */
    void recordSignature(long buildId, long signKeyId, Map<Long, Signed> artifacts);
}
