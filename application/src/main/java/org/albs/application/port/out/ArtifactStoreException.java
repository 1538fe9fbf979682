package org.albs.application.port.out;

/**
 * The artifact store could not do what was asked. {@code transient} failures (no answer, 5xx, a timeout, after the
 * adapter's own retries) may succeed later; the others (the store refused the request, or its operation failed)
 * will not, and their message says why, for the job's and the task's {@code error}.
 */
public class ArtifactStoreException extends RuntimeException {
    private final boolean transientFailure;

    public ArtifactStoreException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public ArtifactStoreException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
