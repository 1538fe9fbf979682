package org.albs.application.port.in.builds;

import org.albs.domain.identity.User;

public interface DeleteBuildUseCase {
    /** Removes the build and everything in it, unless it is released. */
    void delete(User actor, long buildId);
}
