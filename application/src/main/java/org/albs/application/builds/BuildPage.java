package org.albs.application.builds;

import java.util.List;

/** Upstream's BuildsResponse. */
public record BuildPage(List<BuildView> builds, long totalBuilds, int currentPage) {
}
