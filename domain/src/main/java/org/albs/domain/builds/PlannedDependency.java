package org.albs.domain.builds;

/** {@code task} may start only after {@code dependsOn} has finished; both are positions in the plan. */
public record PlannedDependency(int task, int dependsOn) {
}
