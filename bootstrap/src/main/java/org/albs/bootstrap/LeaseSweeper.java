package org.albs.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.albs.application.builds.DispatchService;
import org.albs.application.port.out.StoreUnavailableException;
import org.jboss.logging.Logger;

/**
 * Fails tasks whose last lease ran out even when no node of their arch asks for work, within a few seconds of
 * expiry. Every instance runs it; row locks with SKIP LOCKED keep them from doing the same task twice.
 */
@ApplicationScoped
public class LeaseSweeper {
    private static final Logger LOG = Logger.getLogger(LeaseSweeper.class);

    private final DispatchService dispatch;

    public LeaseSweeper(DispatchService dispatch) {
        this.dispatch = dispatch;
    }

    @Scheduled(every = "${albs.dispatch.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int failed;
        try {
            do {
                failed = dispatch.failExhaustedLeases(100);
                if (failed > 0) {
                    LOG.infof("Failed %d build tasks whose last lease expired", failed);
                }
            } while (failed == 100);
        } catch (StoreUnavailableException e) {
            // the next sweep tries again; nothing was half-done
            LOG.warnf("Lease sweep skipped: %s", e.getMessage());
        }
    }
}
