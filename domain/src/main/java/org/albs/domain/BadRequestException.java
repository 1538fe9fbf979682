package org.albs.domain;

/** A request that cannot be carried out as asked, reported with a short code (e.g. LOGIN_BAD_CREDENTIALS). */
public class BadRequestException extends DomainException {
    public BadRequestException(String message) {
        super(message);
    }
}
