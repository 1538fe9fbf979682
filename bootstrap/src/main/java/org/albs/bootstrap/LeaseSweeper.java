package org.albs.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.albs.application.port.in.builds.SweepExpiredLeasesUseCase;
import org.albs.application.port.out.StoreUnavailableException;
import org.jboss.logging.Logger;

/**
 * Fails tasks whose last lease ran out even when no node of their arch asks for work, within a few seconds of
 * expiry. Every instance runs it; row locks with SKIP LOCKED keep them from doing the same task twice. A task the
 * life cycle refuses to fail is logged and left, never a reason to stop the sweep.
 */
@ApplicationScoped
public class LeaseSweeper {
    private static final Logger LOG = Logger.getLogger(LeaseSweeper.class);
    private static final int BATCH = 100;

    private final SweepExpiredLeasesUseCase sweeper;

    public LeaseSweeper(SweepExpiredLeasesUseCase sweeper) {
        this.sweeper = sweeper;
    }

    @Scheduled(every = "${albs.dispatch.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        SweepExpiredLeasesUseCase.Sweep sweep;
        try {
            do {
                sweep = sweeper.failExhaustedLeases(BATCH);
                if (!sweep.failed().isEmpty()) {
                    LOG.infof("Failed %d build tasks whose last lease expired", sweep.failed().size());
                }
                sweep.refused().forEach(reason -> LOG.errorf("Lease sweep left a task as it is: %s", reason));
            } while (sweep.failed().size() == BATCH);
        } catch (StoreUnavailableException e) {
            // the next sweep tries again; nothing was half-done
            LOG.warnf("Lease sweep skipped: %s", e.getMessage());
        }
    }
}
