package org.albs.domain;

/** The caller could not be identified: bad token, unknown or inactive user. */
public class AuthenticationFailedException extends DomainException {
    public AuthenticationFailedException() {
        super("Unauthorized");
    }
}
