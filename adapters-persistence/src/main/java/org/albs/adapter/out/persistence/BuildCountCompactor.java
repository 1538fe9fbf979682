package org.albs.adapter.out.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Folds the feed's build-count deltas into one row (migration V9), so reading the total stays a sum over a handful
 * of rows. Every instance runs it; the function is safe when two run at once. Storage housekeeping only: the count
 * is exact whether or not this has run.
 */
@ApplicationScoped
public class BuildCountCompactor {
    private static final Logger LOG = Logger.getLogger(BuildCountCompactor.class);

    private final Jdbc jdbc;

    public BuildCountCompactor(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Scheduled(every = "${albs.maintenance.build-count-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void compact() {
        try {
            jdbc.query("SELECT albs_compact_build_count()", new Jdbc.Args(), rs -> null);
        } catch (RuntimeException e) {
            // nothing is lost: the deltas stay and the next run folds them
            LOG.warnf("Build count compaction skipped: %s", e.getMessage());
        }
    }
}
