package org.albs.application.port.in.builds;

import org.albs.domain.identity.User;

public interface ReportBuildDoneUseCase {
    /**
     * Records the holder's result on its task and everything that follows from it, at once; a report for a task that
     * is not the caller's (any more) is refused and changes nothing.
     */
    void buildDone(User node, BuildDoneCommand command);
}
