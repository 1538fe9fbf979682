package org.albs.application.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.TestSystem;
import org.albs.application.port.out.TestTasks;
import org.albs.application.port.out.Transactions;
import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.testing.TapLog;
import org.albs.domain.testing.TestTask;
import org.albs.domain.testing.TestTaskStatus;

/**
 * The store jobs of testing, one instance per kind: {@link StoreJobKind#IMPORT_TEST_LOGS} (a test's logs, uploaded
 * by the test system, into the build's test-log repository, then its {@code tests_*} logs read as TAP; a refused
 * import fails the test) and
 * {@link StoreJobKind#CANCEL_TESTS} (the test system is asked to cancel a build's started tests, which end once it
 * confirmed). A test system that does not answer makes the job back off, one that refuses fails it.
 */
public final class TestingJobs implements StoreJobService.KindWork {
    /** Upstream reads only these logs as TAP (the test runs'; the others are the stages' own logs). */
    static final String TAP_LOG_PREFIX = "tests_";
    /** How much of a log is read as TAP: a longer log's later cases are not shown (a test log is some kB). */
    static final int MAX_TAP_BYTES = 4 << 20;

    private final StoreJobKind kind;
    private final TestTasks tests;
    private final TestSystem system;
    private final BuildArtifacts artifacts;
    private final ArtifactStore store;
    private final Transactions tx;

    public TestingJobs(StoreJobKind kind, TestTasks tests, TestSystem system, BuildArtifacts artifacts,
                       ArtifactStore store, Transactions tx) {
        if (kind != StoreJobKind.IMPORT_TEST_LOGS && kind != StoreJobKind.CANCEL_TESTS) {
            throw new IllegalArgumentException("not a testing job: " + kind);
        }
        this.kind = kind;
        this.tests = tests;
        this.system = system;
        this.artifacts = artifacts;
        this.store = store;
        this.tx = tx;
    }

    /** Both kinds, for registering with the job workers. */
    public static List<TestingJobs> all(TestTasks tests, TestSystem system, BuildArtifacts artifacts,
                                        ArtifactStore store, Transactions tx) {
        return List.of(new TestingJobs(StoreJobKind.IMPORT_TEST_LOGS, tests, system, artifacts, store, tx),
                new TestingJobs(StoreJobKind.CANCEL_TESTS, tests, system, artifacts, store, tx));
    }

    @Override
    public StoreJobKind kind() {
        return kind;
    }

    @Override
    public void work(StoreJobService.JobRun run) {
        if (kind == StoreJobKind.IMPORT_TEST_LOGS) {
            importTestLogs(run);
        } else {
            cancelTests(run);
        }
    }

    /** A test's logs could not be imported: the test fails after all, with the reason. */
    @Override
    public void failed(StoreJob job, String reason, Instant now) {
        if (kind != StoreJobKind.IMPORT_TEST_LOGS) {
            return;
        }
        TestTask test = tests.lock(job.subject().testTaskId()).orElse(null);
        if (test != null && (test.status() == TestTaskStatus.COMPLETED || test.status() == TestTaskStatus.FAILED)) {
            tests.save(test.reject("Test logs could not be imported: " + reason, now));
        }
    }

    /** A test's logs, uploaded by the test system, into the build's test-log repository. */
    private void importTestLogs(StoreJobService.JobRun run) {
        long buildId = run.job().subject().buildId();
        long testId = run.job().subject().testTaskId();
        List<TestTasks.StoredLog> logs = tx.inTransaction(() -> tests.logs(testId));
        Map<String, StoredRepository> repos = tx.inTransaction(() -> artifacts.repositories(buildId));
        String repoName = BuildRepositories.logRepository(buildId, BuildRepository.TEST_LOG);
        Set<String> add = new LinkedHashSet<>();
        Map<Long, String> made = new LinkedHashMap<>();
        for (TestTasks.StoredLog log : logs) {
            String step = "log:" + log.id();
            String handle = log.contentHandle() != null ? log.contentHandle()
                    : run.job().result(step).orElse(null);
            if (handle == null) {
                List<String> created = run.operation(step, () -> store.startContent(ContentKind.FILE, log.href(),
                        log.name()));
                if (created.isEmpty()) {
                    throw new ArtifactStoreException("the store made no content of the test log " + log.name(),
                            false);
                }
                handle = created.get(0);
                run.record(run.job().done(step, handle));
            }
            if (log.contentHandle() == null) {
                made.put(log.id(), handle);
            }
            add.add(handle);
        }
        if (!made.isEmpty()) {
            run.saveWith(() -> made.forEach(tests::recordLogContent));
        }
        Map<Long, TapLog> read = new LinkedHashMap<>();
        if (!add.isEmpty()) {
            StoredRepository repo = StoreJobService.repository(repos, repoName);
            run.change(repoName, repo, add, Set.of());
            run.publish(repoName, repo);
            for (TestTasks.StoredLog log : logs) {
                if (log.tap() == null && log.name().startsWith(TAP_LOG_PREFIX)) {
                    store.readFile(repo, log.name(), MAX_TAP_BYTES).ifPresent(b -> read.put(log.id(),
                            TapLog.parse(text(b))));
                }
            }
        }
        run.finish(logs.isEmpty() ? "the test had no logs left to import (its build was deleted?)" : null,
                () -> read.forEach(tests::recordLogTap));
    }

    /** A log's bytes as text: gunzipped when gzipped (as Pulp may serve them), bad UTF-8 replaced. */
    static String text(byte[] bytes) {
        byte[] plain = bytes;
        if (bytes.length > 1 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                plain = in.readNBytes(MAX_TAP_BYTES);
            } catch (IOException e) {
                plain = bytes; // cut or broken: read what is there as text, as upstream would fail to
            }
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** The test system is asked to cancel the tests left; once it confirmed, the ones still started end. */
    private void cancelTests(StoreJobService.JobRun run) {
        List<Long> ids = run.job().cancellationsLeft();
        if (!ids.isEmpty()) {
            system.cancel(ids);
        }
        run.finishAfter(now -> {
            int cancelled = 0;
            for (long id : ids) {
                TestTask t = tests.lock(id).orElse(null);
                if (t != null && t.status() == TestTaskStatus.STARTED) {
                    tests.save(t.cancelledAtTestSystem(now));
                    cancelled++;
                }
                run.record(run.job().done(StoreJob.cancellationStep(id)));
            }
            return "the test system cancelled " + ids.size() + " test(s); " + cancelled + " were still started";
        });
    }
}
