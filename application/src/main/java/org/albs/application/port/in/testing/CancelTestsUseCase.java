package org.albs.application.port.in.testing;

import org.albs.domain.identity.User;

/**
 * Testing of a build off: its waiting tests are cancelled at once, its started ones at the test system (a job),
 * which ends them when it confirms or posts {@code revoked}. Only the build's owner or a superuser may.
 */
public interface CancelTestsUseCase {
    void cancelBuild(User actor, long buildId);
}
