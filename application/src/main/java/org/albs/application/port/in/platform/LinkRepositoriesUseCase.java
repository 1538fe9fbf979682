package org.albs.application.port.in.platform;

import java.util.List;

import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;

public interface LinkRepositoriesUseCase {
    /** Adds existing repositories to the platform (after its own); superusers only. */
    Platform addRepositories(User actor, long platformId, List<Long> repositoryIds);

    /** Unlinks repositories from the platform; they stay for whoever else uses them. Superusers only. */
    Platform removeRepositories(User actor, long platformId, List<Long> repositoryIds);
}
