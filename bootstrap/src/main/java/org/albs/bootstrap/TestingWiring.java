package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.adapter.out.alts.AltsSettings;
import org.albs.adapter.out.alts.AltsTestSystem;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.TestSystem;
import org.albs.application.port.out.TestTasks;
import org.albs.application.port.out.Transactions;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.application.testing.TestTaskCreation;
import org.albs.application.testing.TestingJobs;
import org.albs.application.team.Access;
import org.albs.application.testing.TestingService;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.lease.LeaseTerms;

/** Testing: the test tasks' service, the ALTS adapter, and what the build and job flows need of testing. */
@ApplicationScoped
public class TestingWiring {
    /**
     * Made on first use (a client proxy): its HTTP client initialises the JVM's TLS stack, 0.1 s of CPU that the
     * start-up does not need (the job workers are created at start and hold the test system).
     */
    @Produces
    @ApplicationScoped
    TestSystem testSystem(AlbsConfig config) {
        AlbsConfig.Alts a = config.alts();
        return new AltsTestSystem(new AltsSettings(a.host(), a.token().orElse(""), a.timeout(), a.retries(),
                a.backoff()));
    }

    @Produces
    @Singleton
    TestingService testingService(TestTasks tests, Builds builds, StoreJobs jobs, BuildArtifacts artifacts,
                                  ArtifactStore store, Access access, Transactions tx, Clock clock,
                                  AlbsConfig config, AutoReleaseTrigger pipeline) {
        return new TestingService(tests, builds, jobs, artifacts, store, access, tx, clock,
                new LeaseTerms(config.tests().leaseDuration(), config.tests().maxAttempts()), pipeline);
    }

    /**
     * A settled build's first tests, made in the transaction that settled it (build_done, the sweeper, and as the
     * store jobs' {@link StoreJobService.BuildSettled}: an import, a finalization).
     */
    @Produces
    @Singleton
    TestTaskCreation testTaskCreation(TestTasks tests, AutoReleaseTrigger pipeline) {
        return new TestTaskCreation(tests, pipeline);
    }

    /** The store job that imports a test's logs into the build's test-log repository. */
    @Produces
    @Singleton
    StoreJobService.KindWork importTestLogsJob(TestTasks tests, TestSystem system, BuildArtifacts artifacts,
                                               ArtifactStore store, Transactions tx) {
        return new TestingJobs(StoreJobKind.IMPORT_TEST_LOGS, tests, system, artifacts, store, tx);
    }

    /** The store job that has the test system cancel a build's started tests. */
    @Produces
    @Singleton
    StoreJobService.KindWork cancelTestsJob(TestTasks tests, TestSystem system, BuildArtifacts artifacts,
                                            ArtifactStore store, Transactions tx) {
        return new TestingJobs(StoreJobKind.CANCEL_TESTS, tests, system, artifacts, store, tx);
    }
}
