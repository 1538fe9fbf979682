package org.albs.application.port.in.signing;

import java.util.List;
import java.util.Optional;

import org.albs.domain.identity.User;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;

/** The sign node's calls (clients.md §2.1): take a sign task, report it, take and report a key generation. */
public interface SignNodeUseCase {
    /** upstream's {@code AvailableSignTask}. */
    record SignTaskOffer(long id, long buildId, String keyid, boolean signFiles, List<OfferedPackage> packages) {
    }

    record OfferedPackage(long id, String name, String arch, String type, String downloadUrl, String casHash) {
    }

    /** upstream's {@code GenKeyTask} as the node gets it. */
    record GenKeyOffer(long id, String userName, String userEmail, String productName) {
    }

    /** What a node reports of a generated key (clients.md §2.1 d). */
    record GeneratedKey(Boolean success, String errorMessage, String signKeyHref, String keyName, String keyId,
                        String fingerprint, String fileName) {
    }

    /** Leases the node a waiting task of one of its keys; empty when there is none. */
    Optional<SignTaskOffer> claim(User node, List<String> keyIds);

    /**
     * Takes the node's report: answered at once, processed by a store job. A report the task cannot take (a second
     * one, one from a node that does not hold it) changes nothing and is recorded in the task's history.
     *
     * @param buildId what the node says the task's build is (must be the task's)
     */
    void complete(User node, long signTaskId, Long buildId, SignReport report);

    Optional<GenKeyOffer> claimKeyGeneration(User node);

    /** The key made: stored, the product's previous key archived, the new key answered (empty on a failure). */
    Optional<SignKey> completeKeyGeneration(User node, long taskId, GeneratedKey key);

    /** A superuser queues a key generation (until products exist, the only way to have one). */
    GenKeyOffer createKeyGeneration(User user, String userName, String userEmail, String productName);

    /** Fails the tasks whose last lease ran out; returns how many. */
    int sweep(int limit);
}
