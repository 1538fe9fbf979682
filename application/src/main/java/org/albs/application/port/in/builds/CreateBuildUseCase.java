package org.albs.application.port.in.builds;

import org.albs.domain.identity.User;

public interface CreateBuildUseCase {
    /** Plans and stores the build with all its tasks at once: never a build without tasks. */
    BuildView create(User actor, CreateBuildCommand command);
}
