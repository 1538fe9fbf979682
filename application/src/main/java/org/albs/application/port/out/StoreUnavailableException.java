package org.albs.application.port.out;

/**
 * The system of record cannot take the work now: no connection came free in time, or the database cannot be
 * reached. Nothing was written; the caller may try again shortly.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
