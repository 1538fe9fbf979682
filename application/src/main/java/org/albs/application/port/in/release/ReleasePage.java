package org.albs.application.port.in.release;

import java.util.List;

/** One page of releases (10 a page, newest first). */
public record ReleasePage(List<ReleaseView> releases, long totalReleases, int currentPage) {
    public static final int PAGE_SIZE = 10;
}
