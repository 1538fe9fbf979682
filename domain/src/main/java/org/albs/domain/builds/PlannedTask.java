package org.albs.domain.builds;

import java.util.Map;

/** A task the planner wants created; {@code refIndex} points into the request's refs. */
public record PlannedTask(int refIndex, long platformId, String arch, int index, Map<String, Object> mockOptions,
                          boolean secureBoot) {
}
