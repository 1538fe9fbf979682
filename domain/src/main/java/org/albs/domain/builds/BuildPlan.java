package org.albs.domain.builds;

import java.util.List;

/** The tasks of a new build in insertion order (so ids ascend in it), and their dependencies. */
public record BuildPlan(List<PlannedTask> tasks, List<PlannedDependency> dependencies) {
    public BuildPlan {
        tasks = List.copyOf(tasks);
        dependencies = List.copyOf(dependencies);
    }
}
