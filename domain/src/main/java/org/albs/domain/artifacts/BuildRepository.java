package org.albs.domain.artifacts;

import java.util.Objects;

/**
 * One repository of a build in the artifact store, as upstream names it so existing tooling finds it: the RPM
 * repositories {@code {platform}-{arch}-{build}-br} and {@code …-debug-br} per platform and arch, the source one
 * {@code {platform}-src-{build}-br}, and the build's file repositories of build logs and test logs.
 *
 * @param name       unique in the store
 * @param kind       what it holds
 * @param type       upstream's repository type: {@code rpm}, {@code build_log} or {@code test_log}
 * @param arch       an architecture, {@code src}, or {@code log} for the file repositories
 * @param debug      whether it holds debuginfo and debugsource packages
 * @param platformId the platform of an RPM repository; null for the log repositories
 * @param basePath   where the store serves it, relative to its content root ({@code builds/…})
 */
public record BuildRepository(String name, ContentKind kind, String type, String arch, boolean debug,
                              Long platformId, String basePath) {
    public static final String BUILD_LOG = "build_log";
    public static final String TEST_LOG = "test_log";
    public static final String RPM = "rpm";

    public BuildRepository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(basePath, "basePath");
    }
}
