package org.albs.application.port.in.release;

import org.albs.domain.identity.User;

/** Plans a release, and changes its plan while nothing of it was carried out. */
public interface PlanReleaseUseCase {
    ReleaseView create(User actor, NewReleaseCommand command);

    ReleaseView edit(User actor, long releaseId, ReleaseEditCommand command);
}
