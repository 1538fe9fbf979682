package org.albs.domain.builds;

import java.util.Locale;
import java.util.Objects;

/**
 * The source RPM the tasks of one ref on one platform build from, once its src task built it: where it lies in the
 * build's source repository (relative, as upstream stores it) and its CAS hash when the node gave one.
 */
public record Srpm(String url, String hash) {
    public Srpm {
        Objects.requireNonNull(url, "url");
    }

    /** Upstream's location of a build's SRPM: {@code <platform>-src-<build>-br/Packages/<first letter>/<file>}. */
    public static String location(String platformName, long buildId, String fileName) {
        return platformName + "-src-" + buildId + "-br/Packages/"
                + fileName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + fileName;
    }
}
