package org.albs.domain.artifacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The repositories a build gets in the artifact store, upstream's names and layout: the build's log repositories,
 * then per platform, per architecture, the RPM repository and its debug twin, then the platform's source repository.
 */
public final class BuildRepositories {
    /** One platform of the build, by id and name, with the architectures the build asked for on it. */
    public record Target(long platformId, String platformName, List<String> arches) {
        public Target {
            arches = List.copyOf(arches);
        }
    }

    private BuildRepositories() {
    }

    public static List<BuildRepository> of(long buildId, List<Target> targets) {
        List<BuildRepository> repos = new ArrayList<>();
        repos.add(logs(buildId, BuildRepository.BUILD_LOG, "build_logs/"));
        repos.add(logs(buildId, BuildRepository.TEST_LOG, "test_logs/"));
        for (Target t : targets) {
            Set<String> arches = new LinkedHashSet<>(t.arches());
            arches.remove("src");
            for (String arch : arches) {
                repos.add(rpm(t, arch, buildId, false));
                repos.add(rpm(t, arch, buildId, true));
            }
            repos.add(rpm(t, "src", buildId, false));
        }
        return repos;
    }

    /** The repository of {@code arch} ({@code src} included) of a platform of the build. */
    public static String rpmName(String platformName, String arch, long buildId, boolean debug) {
        return platformName + "-" + arch + "-" + buildId + (debug ? "-debug" : "") + "-br";
    }

    private static BuildRepository rpm(Target t, String arch, long buildId, boolean debug) {
        String name = rpmName(t.platformName(), arch, buildId, debug);
        return new BuildRepository(name, ContentKind.RPM, BuildRepository.RPM, arch, debug, t.platformId(),
                "builds/" + name);
    }

    /** The name of the build's log repository of {@code type} (build logs or test logs). */
    public static String logRepository(long buildId, String type) {
        return "build-" + buildId + "-" + type;
    }

    private static BuildRepository logs(long buildId, String type, String root) {
        String name = logRepository(buildId, type);
        return new BuildRepository(name, ContentKind.FILE, type, "log", false, null, root + name);
    }
}
