package org.albs.application.port.in.testing;

import org.albs.application.port.in.builds.SweepExpiredLeasesUseCase;

/** Fails tests whose last lease ran out while ALTS did not poll (a poll fails them itself on the way). */
public interface SweepExpiredTestLeasesUseCase {
    SweepExpiredLeasesUseCase.Sweep failExhaustedTestLeases(int limit);
}
