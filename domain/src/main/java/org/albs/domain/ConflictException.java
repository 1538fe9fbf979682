package org.albs.domain;

/** The request is valid but clashes with the current state (duplicate name, finished task, released build). */
public class ConflictException extends DomainException {
    public ConflictException(String message) {
        super(message);
    }
}
