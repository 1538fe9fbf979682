package org.albs.application.port.out;

/**
 * The test system could not do what was asked. {@code transient} failures (no answer, 5xx, a timeout, after the
 * adapter's own retries) may succeed later; the others (it refused the request) will not.
 */
public class TestSystemException extends RuntimeException {
    private final boolean transientFailure;

    public TestSystemException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public TestSystemException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
