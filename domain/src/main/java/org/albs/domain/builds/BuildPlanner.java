package org.albs.domain.builds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.albs.domain.platform.Arch;

/**
 * Turns refs × platforms × architectures into tasks, as upstream's BuildPlanner does for plain refs.
 * <ul>
 * <li>Per platform, tasks are created src first, then arch by arch with i686 first, each arch in ref order; so
 * ids ascend in that order and i686 goes out before x86_64.</li>
 * <li>{@code index} is the position of the ref in the request, shared by all tasks of that ref.</li>
 * <li>Unless {@code independent_tasks}: src[i] waits for src[i-1], and an arch task waits for its src and for all
 * earlier tasks of its arch (sequential build inside an arch, so later packages can use earlier ones). With it, an
 * arch task waits for its src only. There is never a dependency between arches.</li>
 * </ul>
 * "Waits for all earlier tasks of its arch" is stored as the chain task[i] → task[i-1]: a task only starts after its
 * dependencies finished, so the chain implies the rest; a task finished without running (cancel, fast-fail) hands
 * its own unfinished dependencies on to its dependants, which keeps the guarantee (see the dependency release).
 * This keeps a 1,000-ref build at O(n) dependency rows instead of upstream's O(n²).
 */
public final class BuildPlanner {
    private static final Pattern EL_DIST = Pattern.compile("el[0-9]+_[0-9]+");

    private BuildPlanner() {
    }

    public static BuildPlan plan(List<PlatformTarget> targets, List<BuildTaskRef> refs,
                                 Map<String, Object> buildMockOptions, boolean secureBoot) {
        List<PlannedTask> tasks = new ArrayList<>();
        List<PlannedDependency> deps = new ArrayList<>();
        for (PlatformTarget target : targets) {
            Map<String, List<Integer>> byArch = new LinkedHashMap<>();
            List<String> arches = new ArrayList<>();
            arches.add(Arch.SRC);
            arches.addAll(Arch.planningOrder(target.archList()));
            for (String arch : arches) {
                List<Integer> positions = new ArrayList<>();
                for (int i = 0; i < refs.size(); i++) {
                    positions.add(tasks.size());
                    tasks.add(new PlannedTask(i, target.platform().id(), arch, i,
                            taskMockOptions(refs.get(i), buildMockOptions), secureBoot));
                }
                byArch.put(arch, positions);
            }
            List<Integer> src = byArch.get(Arch.SRC);
            for (var entry : byArch.entrySet()) {
                List<Integer> own = entry.getValue();
                for (int i = 0; i < own.size(); i++) {
                    if (entry.getKey().equals(Arch.SRC)) {
                        if (i > 0 && !target.independentTasks()) {
                            deps.add(new PlannedDependency(own.get(i), own.get(i - 1)));
                        }
                        continue;
                    }
                    deps.add(new PlannedDependency(own.get(i), src.get(i)));
                    if (i > 0 && !target.independentTasks()) {
                        deps.add(new PlannedDependency(own.get(i), own.get(i - 1)));
                    }
                }
            }
        }
        return new BuildPlan(tasks, deps);
    }

    /**
     * The ref's mock options (or {@code {"definitions": {}}}); a git ref naming a minor release (…el8_6…) gets
     * {@code definitions.dist = ".el8_6"} unless the user set dist.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> taskMockOptions(BuildTaskRef ref, Map<String, Object> buildMockOptions) {
        Map<String, Object> options = ref.mockOptions() != null ? MockOptions.deepCopy(ref.mockOptions())
                : new LinkedHashMap<>(Map.of("definitions", new LinkedHashMap<>()));
        if (!(options.get("definitions") instanceof Map)) {
            options.put("definitions", new LinkedHashMap<>());
        }
        Map<String, Object> definitions = (Map<String, Object>) options.get("definitions");
        boolean distTaken = definitions.get("dist") != null
                || buildMockOptions != null && buildMockOptions.get("definitions") instanceof Map<?, ?> d
                && d.get("dist") != null;
        if (ref.gitRef() != null && !distTaken) {
            Matcher m = EL_DIST.matcher(ref.gitRef());
            if (m.find()) {
                definitions.put("dist", "." + m.group());
            }
        }
        return options;
    }
}
