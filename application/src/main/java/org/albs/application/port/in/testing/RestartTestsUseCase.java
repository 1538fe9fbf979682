package org.albs.application.port.in.testing;

import org.albs.domain.identity.User;

/** New revisions of tests; only the build's owner or a superuser may. */
public interface RestartTestsUseCase {
    /** Testing on again; a new revision for every build task whose latest revision has a failed test. */
    void restartBuild(User actor, long buildId);

    /** A new revision of the build task's tests. */
    void restartBuildTask(User actor, long buildTaskId);
}
