package org.albs.adapter.out.localstore;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Pulp upload routes accept files: the one account allowed to upload (HTTP basic), the largest file an
 * upload may announce, and how long an untouched upload is kept before {@link PulpUploadProtocol#removeAbandoned()}
 * deletes it.
 */
public record UploadSettings(String user, String password, long maxFileSize, Duration abandonAfter) {
    /** Pulp's own default is unlimited; 4 GiB keeps one runaway upload from filling the store. */
    public static final long DEFAULT_MAX_FILE_SIZE = 4L << 30;

    public UploadSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(abandonAfter, "abandonAfter");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the upload user must be non-empty and without ':'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the upload password must not be empty");
        }
        if (maxFileSize <= 0) {
            throw new IllegalArgumentException("maxFileSize must be positive: " + maxFileSize);
        }
        if (abandonAfter.isNegative() || abandonAfter.isZero()) {
            throw new IllegalArgumentException("abandonAfter must be positive: " + abandonAfter);
        }
    }
}
