package org.albs.application.port.in.testing;

import java.util.List;

/** The tests of a build task (public, as upstream). */
public interface FindTestTasksUseCase {
    /** The tests of the latest revision (empty when there are none). */
    List<TestTaskView> latest(long buildTaskId);

    /** The tests of one revision, 0 meaning the latest; a revision that does not exist is not found. */
    List<TestTaskView> revision(long buildTaskId, int revision);

    /** The logs of the latest revision's tests, with their download URLs. */
    List<TestLogView> logs(long buildTaskId);
}
