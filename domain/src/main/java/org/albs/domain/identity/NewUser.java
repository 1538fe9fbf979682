package org.albs.domain.identity;

import java.util.Objects;
import java.util.regex.Pattern;

import org.albs.domain.Problems;

/** A user about to be created; validates what a user may be called. */
public record NewUser(String username, String email, String hashedPassword,
                      boolean active, boolean verified, boolean superuser) {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    public NewUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
    }

    /** Checks the two names a client chooses; loc is relative to the request body. */
    public static void validateNames(String username, String email, Problems problems) {
        if (username == null) {
            problems.add("Field required", "missing", "username");
        } else if (!USERNAME.matcher(username).matches()) {
            problems.add("username must be 1-100 characters of letters, digits, '.', '_', '@' or '-'",
                    "value_error", "username");
        }
        if (email == null) {
            problems.add("Field required", "missing", "email");
        } else if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            problems.add("value is not a valid email address", "value_error", "email");
        }
    }
}
