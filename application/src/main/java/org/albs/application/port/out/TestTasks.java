package org.albs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.domain.lease.Change;
import org.albs.domain.platform.Platform;
import org.albs.domain.testing.TapLog;
import org.albs.domain.testing.TestPlan;
import org.albs.domain.testing.TestTask;

/**
 * Test tasks on the lease queue, claimed by the test system (ALTS) in id order (expired leases first, as every
 * kind), with what a test needs in its payload; plus what only tests have: revisions per build task, results with
 * their logs, and the rule of when a finished build is tested. A claim's criteria are empty: the test system takes
 * any test and drops the ones it cannot run itself.
 */
public interface TestTasks extends LeaseQueue<TestTask, TestTasks.AnyTask, TestTasks.Assignment> {
    /** The test system takes any test. */
    enum AnyTask {
        INSTANCE
    }

    /**
     * What ALTS needs of a claimed test besides the task: its platform (test distribution, version, repositories),
     * the ref's test configuration (null when unset) and the RPM repositories of its build and linked builds on the
     * platform, own build first, each in creation order.
     */
    record Assignment(Platform platform, Map<String, Object> testConfiguration, List<BuildRepo> buildRepositories) {
        public Assignment {
            buildRepositories = List.copyOf(buildRepositories);
        }
    }

    record BuildRepo(String name, String url, String arch) {
    }

    /** A completed build task with the packages it built, as recorded at import. */
    record TestedTask(long buildTaskId, long buildId, String arch, List<TestPlan.Package> packages) {
        public TestedTask {
            packages = List.copyOf(packages);
        }
    }

    /**
     * The rule of when a finished build is tested, its one home: locks the build row and, if every task of the
     * build has ended, none was cancelled, no import or finalization of its artifacts is waiting or running and
     * testing is not switched off for it ({@code cancel_testing}), returns its completed tasks that have no test yet
     * (a task rebuilt after a restart of the build has none) on platforms with a test distribution, with their
     * packages; otherwise nothing. Called in the transaction of
     * anything that may have been the build's last step; the build-row lock lets two such transactions see each
     * other.
     */
    Optional<List<TestedTask>> lockUntestedSettledBuild(long buildId);

    /** The build task with its packages, if it exists and completed. */
    Optional<TestedTask> completedTask(long buildTaskId);

    /** The build a build task belongs to. */
    Optional<Long> buildOf(long buildTaskId);

    /** Adds the tasks, waiting; returns their ids in the same order. */
    List<Long> create(List<TestTask> tasks, Instant now);

    /** The highest revision of the build task's tests, 0 when it has none. */
    int latestRevision(long buildTaskId);

    /** The tests of one revision of a build task, read without locks. */
    List<TestTask> revision(long buildTaskId, int revision);

    /** Locks the build's waiting and started tests, in id order. */
    List<TestTask> lockOpen(long buildId);

    /** Switches testing of a build off (a cancel) or on again (a restart). */
    void setCancelTesting(long buildId, boolean cancel);


    /**
     * A result, stored with the change it brings: the whole result as ALTS sent it ({@code alts_response}), its
     * statistics (a {@code performance_stats} row) and its logs, and when there are logs an import job (the
     * outbox, as a build's artifacts).
     */
    record Result(Change<TestTask> change, Map<String, Object> altsResponse, Map<String, Object> stats,
                  List<TestResultCommand.Log> logs) {
        public Result {
            logs = List.copyOf(logs);
        }
    }

    void saveResult(Result result);

    /**
     * A stored log of a test and, once imported, the store's content of it and, once read as TAP (a {@code tests_*}
     * log, read by the import), what it says ({@code tap} null until then, and for every other log).
     */
    record StoredLog(long id, long testTaskId, String name, String href, String contentHandle, TapLog tap) {
        public StoredLog(long id, long testTaskId, String name, String href, String contentHandle) {
            this(id, testTaskId, name, href, contentHandle, null);
        }
    }

    List<StoredLog> logs(long testTaskId);

    /** Records the content the store made of a log. */
    void recordLogContent(long logId, String contentHandle);

    /** Records what a log says read as TAP. */
    void recordLogTap(long logId, TapLog tap);

    /** The tests of a revision of a build task, as the API shows them (empty when there are none). */
    List<TestTaskView> views(long buildTaskId, int revision);

    /** The logs of the latest revision of a build task's tests, by test and name. */
    List<StoredLog> latestLogs(long buildTaskId);

    /** The build tasks of a build that have tests, in id order. */
    List<Long> testedBuildTasks(long buildId);

    /**
     * Locks the build row, the last lock of a transaction: a restart reads revisions after it, so two restarts, or
     * a restart and the first tests of a settled build, never make the same revision twice.
     */
    void lockBuild(long buildId);
}
