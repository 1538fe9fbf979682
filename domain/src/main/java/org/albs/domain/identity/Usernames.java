package org.albs.domain.identity;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The username of a person signing in for the first time: their login at the identity provider, or, when another
 * user has it already, the login with the first free numeric suffix ({@code alice-2}, {@code alice-3}, …).
 */
public final class Usernames {
    public static final int MAX_ATTEMPTS = 1000;
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._@-]");
    private static final int MAX_LENGTH = 100;

    private Usernames() {
    }

    /** The login made fit for a username (letters, digits, '.', '_', '@', '-'), never empty. */
    public static String base(String login, String email) {
        String candidate = login == null ? "" : NOT_ALLOWED.matcher(login).replaceAll("");
        if (candidate.isEmpty() && email != null) {
            candidate = NOT_ALLOWED.matcher(email.substring(0, Math.max(0, email.indexOf('@')))).replaceAll("");
        }
        candidate = candidate.replaceFirst("^[._@-]+", "");
        if (candidate.isEmpty()) {
            candidate = "user";
        }
        return candidate.length() > MAX_LENGTH - 5 ? candidate.substring(0, MAX_LENGTH - 5) : candidate;
    }

    /** The first of base, base-2, base-3, … that is not taken. */
    public static String firstFree(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; n <= MAX_ATTEMPTS; n++) {
            String candidate = base + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free username for " + base.toLowerCase(Locale.ROOT));
    }
}
