package org.albs.application.port.in.sources;

import java.util.List;

/** One run of the git cacher: re-reads the git host's organisations and rewrites their project index keys. */
public interface RefreshProjectIndexUseCase {
    /** Empty when another instance holds the cacher's lock, so this run did nothing. */
    java.util.Optional<List<OrganisationRefresh>> refresh();

    /** What a run did for one organisation: its projects, how many were re-read, or why it failed (index kept). */
    record OrganisationRefresh(String organisation, int projects, int reread, String error) {
    }
}
