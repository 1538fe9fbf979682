package org.albs.bootstrap;

import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.albs.application.port.in.builds.SweepExpiredLeasesUseCase;
import org.albs.application.port.in.testing.SweepExpiredTestLeasesUseCase;
import org.albs.application.port.out.StoreUnavailableException;
import org.jboss.logging.Logger;

/**
 * Fails build tasks whose last lease ran out even when no node of their arch asks for work, and test tasks whose
 * last lease ran out while ALTS does not poll, within a few seconds of expiry. Every instance runs it; row locks with SKIP LOCKED keep them from doing the same task twice. A task the
 * life cycle refuses to fail is logged and left, never a reason to stop the sweep.
 */
@ApplicationScoped
public class LeaseSweeper {
    private static final Logger LOG = Logger.getLogger(LeaseSweeper.class);
    private static final int BATCH = 100;

    private final SweepExpiredLeasesUseCase sweeper;
    private final SweepExpiredTestLeasesUseCase tests;

    public LeaseSweeper(SweepExpiredLeasesUseCase sweeper, SweepExpiredTestLeasesUseCase tests) {
        this.sweeper = sweeper;
        this.tests = tests;
    }

    @Scheduled(every = "${albs.dispatch.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweep("build tasks", sweeper::failExhaustedLeases);
        sweep("test tasks", tests::failExhaustedTestLeases);
    }

    private static void sweep(String what, IntFunction<SweepExpiredLeasesUseCase.Sweep> kind) {
        SweepExpiredLeasesUseCase.Sweep sweep;
        try {
            do {
                sweep = kind.apply(BATCH);
                if (!sweep.failed().isEmpty()) {
                    LOG.infof("Failed %d %s whose last lease expired", sweep.failed().size(), what);
                }
                sweep.refused().forEach(reason -> LOG.errorf("Lease sweep left a task as it is: %s", reason));
            } while (sweep.failed().size() == BATCH);
        } catch (StoreUnavailableException e) {
            // the next sweep tries again; nothing was half-done
            LOG.warnf("Lease sweep of %s skipped: %s", what, e.getMessage());
        }
    }
}
