package org.albs.domain;

/** The caller is known but may not do this. */
public class PermissionDeniedException extends DomainException {
    public PermissionDeniedException(String message) {
        super(message);
    }
}
