package org.albs.application.port.in.release;

import java.util.List;
import java.util.Optional;

import org.albs.domain.release.PlanEdit;

/** A release's new builds and tasks (planned again), or a person's edit of its plan's packages. */
public record ReleaseEditCommand(Optional<List<Long>> builds, Optional<List<Long>> buildTasks,
                                 Optional<List<PlanEdit.EditedPackage>> plan) {
}
