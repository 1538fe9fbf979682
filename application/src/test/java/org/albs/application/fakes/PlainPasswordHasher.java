package org.albs.application.fakes;

import org.albs.application.port.out.PasswordHasher;

/** Test only: a readable "hash", so tests can see which password was stored. */
public final class PlainPasswordHasher implements PasswordHasher {
    private static final String PREFIX = "plain:";

    @Override
    public String hash(String password) {
        return PREFIX + password;
    }

    @Override
    public boolean matches(String password, String hash) {
        return hash.equals(PREFIX + password);
    }
}
