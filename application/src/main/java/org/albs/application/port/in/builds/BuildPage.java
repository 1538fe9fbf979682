package org.albs.application.port.in.builds;

import java.util.List;

/** Upstream's BuildsResponse. */
public record BuildPage(List<BuildView> builds, long totalBuilds, int currentPage) {
}
