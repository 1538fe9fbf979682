package org.albs.application.port.in.artifacts;

import java.util.Optional;

import org.albs.domain.identity.User;

/** The store jobs, for superusers: filtered by state, kind and build, newest first, a page at a time. */
public interface FindStoreJobsUseCase {
    int PAGE_SIZE = 50;

    /**
     * @param state  a state name (waiting, running, done, failed), if any
     * @param kind   a kind name (create_repositories, import_artifacts, finalize_index, delete_repositories)
     * @param page   1-based
     */
    StoreJobPage find(User actor, Optional<String> state, Optional<String> kind, Optional<Long> buildId, int page);
}
