package org.albs.application.port.out;

/** The project index (Redis) cannot be reached or answered with an error; nothing was read or written. */
public class ProjectIndexUnavailableException extends RuntimeException {
    public ProjectIndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
