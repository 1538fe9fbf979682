package org.albs.domain;

/** The named thing does not exist. */
public class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super(message);
    }
}
