package org.albs.domain.artifacts;

import java.util.Optional;

/** What an artifact-store job does. */
public enum StoreJobKind {
    /** Create a new build's repositories; its tasks wait for them. */
    CREATE_REPOSITORIES,
    /** Turn a reported task's artifacts into content of the build's repositories; its dependants wait for it. */
    IMPORT_ARTIFACTS,
    /**
     * Once every task of one ref on one platform has ended and been imported: one canonical copy of each noarch
     * package in every arch repository, and the multilib i686 packages in the x86_64 repositories.
     */
    FINALIZE_INDEX,
    /** Remove a deleted build's repositories from the store. */
    DELETE_REPOSITORIES,
    /** Turn the logs a test system uploaded for a test into content of the build's test-log repository. */
    IMPORT_TEST_LOGS,
    /** Ask the test system to cancel the started tests of a build; they end when it confirms. */
    CANCEL_TESTS,
    /**
     * Check a sign node's report of a sign task and put the signed packages in place of the unsigned ones (worked
     * by the signing service, see {@code StoreJobService.KindWork}).
     */
    SIGN_PACKAGES,
    /** Put a release's packages into the production repositories its plan names (worked by the releases service). */
    COMMIT_RELEASE,
    /** Take what a release's commit put into production repositories out again. */
    REVERT_RELEASE,
    /** Create a product's repositories (a new distribution's; worked by the product jobs, like the next two). */
    CREATE_PRODUCT_REPOSITORIES,
    /** Put a build's packages in a product's repositories, and record the build as in the product. */
    ADD_TO_PRODUCT,
    /** Take a build's packages out of a product's repositories, and record the build as no longer in it. */
    REMOVE_FROM_PRODUCT,
    /**
     * Take a build on a platform with the automatic pipeline one step further (sign it, or plan and commit its
     * release), or record why not (worked by the pipeline, {@code AutoReleaseJob}).
     */
    AUTO_RELEASE;

    /** The kinds that put a build's own packages into its repositories: a build is not imported while one is open. */
    public boolean importsBuildPackages() {
        return this == CREATE_REPOSITORIES || this == IMPORT_ARTIFACTS || this == FINALIZE_INDEX;
    }

    /** The names operators use (lower case), in declaration order. */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(values()).map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    public static Optional<StoreJobKind> named(String name) {
        for (StoreJobKind k : values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
