package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.StoreUnavailableException;
import org.albs.application.port.out.Transactions;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.application.signing.SignJob;
import org.albs.application.signing.SigningService;
import org.albs.application.team.Access;
import org.albs.domain.lease.LeaseTerms;
import org.jboss.logging.Logger;

/**
 * Signing: the signing service (keys, sign tasks, the sign node's calls, key generation), the store job kind that
 * processes a sign node's report (registered with the store job workers), and the sweep of sign tasks whose last
 * lease ran out when no node of their key asks for work.
 */
@ApplicationScoped
public class SigningWiring {
    private static final Logger LOG = Logger.getLogger(SigningWiring.class);
    private static final int BATCH = 100;

    @Produces
    @Singleton
    SigningService signingService(SignKeys keys, SignTasks tasks, GenKeyTasks genKeys, StoreJobs jobs,
                                  BuildArtifacts artifacts, ArtifactStore store, Access access, Transactions tx,
                                  Clock clock, AlbsConfig config) {
        return new SigningService(keys, tasks, genKeys, jobs, artifacts, store, access, tx, clock,
                new LeaseTerms(config.sign().leaseDuration(), config.sign().maxAttempts()));
    }

    @Produces
    @Singleton
    StoreJobService.KindWork signJob(SignTasks tasks, SignKeys keys, BuildArtifacts artifacts, ArtifactStore store,
                                     Transactions tx, Clock clock, AutoReleaseTrigger pipeline) {
        return new SignJob(tasks, keys, artifacts, store, tx, clock, pipeline);
    }

    /** Every instance sweeps; SKIP LOCKED keeps two from failing one task. */
    @ApplicationScoped
    public static class SignLeaseSweeper {
        private final SignNodeUseCase signing;

        public SignLeaseSweeper(SignNodeUseCase signing) {
            this.signing = signing;
        }

        @Scheduled(every = "${albs.sign.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
        void sweep() {
            try {
                int failed;
                do {
                    failed = signing.sweep(BATCH);
                    if (failed > 0) {
                        LOG.infof("Failed %d sign or key generation tasks whose last lease expired", failed);
                    }
                } while (failed >= BATCH);
            } catch (StoreUnavailableException e) {
                LOG.warnf("Sign lease sweep skipped: %s", e.getMessage());
            }
        }
    }
}
