package org.albs.application.port.in.builds;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.albs.domain.Problems;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.RefType;
import org.albs.domain.platform.Arch;

/**
 * A new build as asked for: refs × platforms × arches, validated on construction with every problem at once (paths
 * from the top of the request). What needs the stored platforms and builds is checked by the use case.
 */
public record CreateBuildCommand(List<PlatformEntry> platforms, List<RefEntry> tasks, List<Long> linkedBuilds,
                                 Map<String, Object> mockOptions, List<Long> platformFlavors, Boolean isSecureBoot,
                                 Long productId) {
    /** A build larger than this is almost certainly a mistake, and would hold a long transaction. */
    public static final int MAX_TASKS_PER_BUILD = 50_000;

    public record PlatformEntry(String name, List<String> archList, Boolean parallelModeEnabled,
                                Boolean independentTasks) {
    }

    /**
     * A plain ref (url, git_ref, ref_type; a missing ref type is a git branch) or, when {@code module} is set, a
     * module ref, which this server does not build yet.
     */
    public record RefEntry(String url, String gitRef, RefType refType, String gitCommitHash,
                           Map<String, Object> mockOptions, Map<String, Object> testConfiguration, boolean module) {
        public BuildTaskRef toRef() {
            return new BuildTaskRef(url, gitRef, refType, gitCommitHash, mockOptions, testConfiguration);
        }
    }

    public CreateBuildCommand {
        Problems p = new Problems();
        checkPlatforms(platforms, p);
        checkRefs(tasks, p);
        if (platformFlavors != null) {
            for (int i = 0; i < platformFlavors.size(); i++) {
                Long f = platformFlavors.get(i);
                if (f == null || f <= 0) {
                    p.add("flavour id must be a positive integer", "value_error", "platform_flavors", i);
                }
            }
        }
        if (linkedBuilds != null) {
            for (int i = 0; i < linkedBuilds.size(); i++) {
                Long b = linkedBuilds.get(i);
                if (b == null || b <= 0) {
                    p.add("build id must be a positive integer", "value_error", "linked_builds", i);
                }
            }
        }
        if (p.isEmpty()) {
            long count = 0;
            for (PlatformEntry e : platforms) {
                count += (long) tasks.size() * (e.archList().size() + 1);
            }
            if (count > MAX_TASKS_PER_BUILD) {
                p.add("The build would have " + count + " tasks; at most " + MAX_TASKS_PER_BUILD + " are allowed",
                        "value_error", "tasks");
            }
        }
        p.throwIfAny();
        platforms = List.copyOf(platforms);
        tasks = List.copyOf(tasks);
        linkedBuilds = linkedBuilds == null ? List.of() : List.copyOf(new LinkedHashSet<>(linkedBuilds));
        platformFlavors = platformFlavors == null ? List.of() : List.copyOf(new LinkedHashSet<>(platformFlavors));
    }

    public boolean secureBoot() {
        return Boolean.TRUE.equals(isSecureBoot);
    }

    private static void checkPlatforms(List<PlatformEntry> platforms, Problems p) {
        if (platforms == null) {
            p.add("Field required", "missing", "platforms");
            return;
        }
        if (platforms.isEmpty()) {
            p.add("List should have at least 1 item", "too_short", "platforms");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < platforms.size(); i++) {
            PlatformEntry e = platforms.get(i);
            if (e == null) {
                p.add("Input should be a valid dictionary", "dict_type", "platforms", i);
                continue;
            }
            if (e.name() == null || e.name().isBlank()) {
                p.add("Field required", "missing", "platforms", i, "name");
            } else if (!seen.add(e.name())) {
                p.add("Platform '" + e.name() + "' is given twice", "value_error", "platforms", i, "name");
            }
            if (e.archList() == null) {
                p.add("Field required", "missing", "platforms", i, "arch_list");
            } else if (e.archList().isEmpty()) {
                p.add("List should have at least 1 item", "too_short", "platforms", i, "arch_list");
            } else {
                Set<String> arches = new HashSet<>();
                for (int j = 0; j < e.archList().size(); j++) {
                    String arch = e.archList().get(j);
                    if (arch == null || !Arch.BUILDABLE.contains(arch)) {
                        p.add("Input should be one of " + Arch.BUILDABLE.stream().sorted().toList(),
                                "literal_error", "platforms", i, "arch_list", j);
                    } else if (!arches.add(arch)) {
                        p.add("arch '" + arch + "' is given twice", "value_error", "platforms", i, "arch_list", j);
                    }
                }
            }
        }
    }

    private static void checkRefs(List<RefEntry> tasks, Problems p) {
        if (tasks == null) {
            p.add("Field required", "missing", "tasks");
            return;
        }
        if (tasks.isEmpty()) {
            p.add("List should have at least 1 item", "too_short", "tasks");
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            RefEntry e = tasks.get(i);
            if (e == null) {
                p.add("Input should be a valid dictionary", "dict_type", "tasks", i);
                continue;
            }
            if (e.module()) {
                p.add("Module builds (BuildTaskModuleRef) are not supported by this server yet", "value_error",
                        "tasks", i);
                continue;
            }
            if (e.url() == null) {
                p.add("Field required", "missing", "tasks", i, "url");
            } else if (!isHttpUrl(e.url())) {
                p.add("Input should be a valid URL (http or https)", "url_parsing", "tasks", i, "url");
            }
            if (e.gitRef() != null && e.gitRef().length() > 1024) {
                p.add("at most 1024 characters", "string_too_long", "tasks", i, "git_ref");
            }
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
