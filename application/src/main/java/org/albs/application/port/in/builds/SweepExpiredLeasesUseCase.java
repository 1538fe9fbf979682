package org.albs.application.port.in.builds;

import java.util.List;

public interface SweepExpiredLeasesUseCase {
    /** What one sweep did: the tasks it failed, and the ones it found but the life cycle refused to fail. */
    record Sweep(List<Long> failed, List<String> refused) {
        public Sweep {
            failed = List.copyOf(failed);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Fails up to {@code limit} started tasks whose last allowed lease ran out and that no node came back for (a
     * claim takes over expired leases with attempts left by itself).
     */
    Sweep failExhaustedLeases(int limit);
}
