package org.albs.adapter.out.persistence;

import java.util.Map;

import org.albs.domain.lease.LeasePhase;
import org.albs.domain.signing.SignTask;

/** The sign task status codes for the signing migrations (see {@link FlywayPlaceholders}). */
final class SigningPlaceholders {
    private SigningPlaceholders() {
    }

    static Map<String, String> placeholders() {
        return Map.of(
                "sign_task_waiting", SqlLeaseTable.codes(SignTask.LIFECYCLE, LeasePhase.WAITING),
                "sign_task_leased", SqlLeaseTable.codes(SignTask.LIFECYCLE, LeasePhase.LEASED));
    }
}
