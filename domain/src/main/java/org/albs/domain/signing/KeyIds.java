package org.albs.domain.signing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes of PGP key identifiers as sign nodes and users give them: a long key id is 16 hex digits, a
 * fingerprint 40. Both are kept upper-case (gpg prints them so) and matched without regard to case.
 */
public final class KeyIds {
    private static final Pattern KEY_ID = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{40}");

    private KeyIds() {
    }

    /** The key id in its stored form, or empty when it is not 16 hex digits. */
    public static Optional<String> keyId(String raw) {
        return raw != null && KEY_ID.matcher(raw.trim()).matches()
                ? Optional.of(raw.trim().toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** The fingerprint in its stored form (spaces, as gpg groups it, removed), or empty when it is not 40 hex. */
    public static Optional<String> fingerprint(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.replace(" ", "");
        return FINGERPRINT.matcher(compact).matches() ? Optional.of(compact.toUpperCase(Locale.ROOT))
                : Optional.empty();
    }

    /** Whether two fingerprints name the same key. */
    public static boolean sameFingerprint(String a, String b) {
        Optional<String> x = fingerprint(a);
        return x.isPresent() && x.equals(fingerprint(b));
    }
}
