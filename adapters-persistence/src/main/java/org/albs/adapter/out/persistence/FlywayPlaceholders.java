package org.albs.adapter.out.persistence;

import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.testing.TestTask;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Status codes for the migrations, from the domain's enums (the one mapping of status names to the numbers the
 * database stores): {@code ${build_task_waiting}} is the codes of the build task statuses that wait for a claim,
 * and so on for every phase, written as an SQL list ({@code 0} or {@code 2, 3, 4, 5}).
 *
 * <p>Also how migrations run: one may mix {@code CREATE INDEX CONCURRENTLY} (which runs outside a transaction, so a
 * big table keeps taking writes while its index is built) with ordinary statements, and Flyway's lock is a
 * session-level advisory lock (with its default, a transaction's, the concurrent index build would wait forever for
 * the transaction holding that lock).
 */
@Singleton
public class FlywayPlaceholders implements FlywayConfigurationCustomizer {
    static Map<String, String> placeholders() {
        return Map.of(
                "build_task_waiting", SqlLeaseTable.codes(BuildTask.LIFECYCLE, LeasePhase.WAITING),
                "build_task_leased", SqlLeaseTable.codes(BuildTask.LIFECYCLE, LeasePhase.LEASED),
                "build_task_ended", SqlLeaseTable.codes(BuildTask.LIFECYCLE, LeasePhase.ENDED),
                "store_job_waiting", SqlLeaseTable.codes(StoreJob.LIFECYCLE, LeasePhase.WAITING),
                "store_job_leased", SqlLeaseTable.codes(StoreJob.LIFECYCLE, LeasePhase.LEASED),
                "test_task_waiting", SqlLeaseTable.codes(TestTask.LIFECYCLE, LeasePhase.WAITING),
                "test_task_leased", SqlLeaseTable.codes(TestTask.LIFECYCLE, LeasePhase.LEASED));
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        Map<String, String> all = new java.util.HashMap<>(configuration.getPlaceholders());
        all.putAll(placeholders());
        all.putAll(SigningPlaceholders.placeholders());
        configuration.placeholders(all);
        configuration.mixed(true);
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }
}
