package org.albs.application.port.in.release;

import org.albs.domain.identity.User;

/** Carries a release's plan out, undoes it, or deletes a release that was never carried out. */
public interface CommitReleaseUseCase {
    ReleaseView commit(User actor, long releaseId);

    ReleaseView revert(User actor, long releaseId);

    void delete(User actor, long releaseId);
}
