package org.albs.domain;

/** Base of every rule violation the core reports; adapters map each subtype to one HTTP status. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }
}
