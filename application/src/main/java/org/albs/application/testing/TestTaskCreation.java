package org.albs.application.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.TestTasks;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.domain.testing.TestPlan;
import org.albs.domain.testing.TestTask;

/**
 * Makes test tasks: the first revision when a build is settled (called in the transaction of whatever may have been
 * its last step: a report, an import, a finalization, a lost lease; the store jobs hear of theirs as
 * {@link StoreJobService.BuildSettled}), and a new revision of one build task. A build
 * that settles without tests is told to the automatic pipeline.
 */
public final class TestTaskCreation implements StoreJobService.BuildSettled {
    private final TestTasks tests;
    private final AutoReleaseTrigger pipeline;

    public TestTaskCreation(TestTasks tests) {
        this(tests, AutoReleaseTrigger.OFF);
    }

    public TestTaskCreation(TestTasks tests, AutoReleaseTrigger pipeline) {
        this.tests = tests;
        this.pipeline = pipeline;
    }

    /** In the caller's transaction: if the build is now settled and untested, its first revision of tests. */
    @Override
    public void whenSettled(long buildId, Instant now) {
        tests.lockUntestedSettledBuild(buildId).ifPresent(tasks -> {
            List<TestTask> all = new ArrayList<>();
            for (TestTasks.TestedTask t : tasks) {
                all.addAll(TestPlan.of(t.buildId(), t.buildTaskId(), t.arch(), 1, t.packages()));
            }
            if (!all.isEmpty()) {
                tests.create(all, now);
            } else {
                pipeline.buildMoved(buildId, now);
            }
        });
    }

    /**
     * In the caller's transaction, which holds the build row ({@link TestTasks#lockBuild}): the next revision of
     * the completed task's tests. Returns how many tests it has.
     */
    int newRevision(TestTasks.TestedTask task, Instant now) {
        int revision = tests.latestRevision(task.buildTaskId()) + 1;
        List<TestTask> planned = TestPlan.of(task.buildId(), task.buildTaskId(), task.arch(), revision,
                task.packages());
        if (!planned.isEmpty()) {
            tests.create(planned, now);
        }
        return planned.size();
    }
}
