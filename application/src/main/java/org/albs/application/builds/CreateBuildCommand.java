package org.albs.application.builds;

import java.util.List;
import java.util.Map;

/** POST /builds/ as received: validated by {@link BuildService#create}. Nulls mean "not given". */
public record CreateBuildCommand(List<PlatformEntry> platforms, List<RefEntry> tasks, List<Long> linkedBuilds,
                                 Map<String, Object> mockOptions, List<Long> platformFlavors, Boolean isSecureBoot,
                                 Long productId) {

    public record PlatformEntry(String name, List<String> archList, Boolean parallelModeEnabled,
                                Boolean independentTasks) {
    }

    /**
     * A plain ref (url, git_ref, ref_type as 1..4 or its text) or, when {@code module} is set, a module ref,
     * which this server does not build yet.
     */
    public record RefEntry(String url, String gitRef, Object refType, String gitCommitHash,
                           Map<String, Object> mockOptions, Map<String, Object> testConfiguration, boolean module) {
    }
}
