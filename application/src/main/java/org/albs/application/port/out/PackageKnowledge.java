package org.albs.application.port.out;

import java.util.List;
import java.util.Map;

/**
 * What the distribution's package knowledge base (beholder) says about projects: which of their i686 packages the
 * distribution ships in its x86_64 repositories (multilib), and where it ships each of their packages (releases).
 */
public interface PackageKnowledge {
    /** A distribution as the knowledge base names it (e.g. {@code AlmaLinux} {@code 9}). */
    record Distribution(String name, String version) {
        /** The distribution of a platform: its name and version. */
        public static Distribution of(org.albs.domain.platform.Platform platform) {
            return new Distribution(platform.name(), platform.distrVersion());
        }
    }

    /** Whether a knowledge base is configured; without one, nothing is multilib. */
    boolean enabled();

    /**
     * The multilib packages of the project built from {@code srpmFileName}: the i686 packages the first of
     * {@code distributions} that knows the project (closest match) ships in an x86_64 repository, name → version.
     * Empty when none knows it.
     *
     * @throws Unavailable when the knowledge base does not answer (after the adapter's retries)
     */
    Map<String, String> multilibPackages(List<Distribution> distributions, String srpmFileName);

    /**
     * What the distribution ships of the projects built from these source RPMs: each package with the repositories
     * it lives in and how it matched one of ours (every match method the knowledge base has: exact, closest,
     * name-version, name-only). Empty when the knowledge base is off or does not know the distribution.
     *
     * @throws Unavailable when the knowledge base does not answer (after the adapter's retries)
     */
    List<org.albs.domain.release.KnownPackage> projectPackages(Distribution distribution, List<String> srpmFileNames);

    /** The knowledge base did not answer; asking again later may help. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
