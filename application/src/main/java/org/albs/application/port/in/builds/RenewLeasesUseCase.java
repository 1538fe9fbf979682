package org.albs.application.port.in.builds;

import org.albs.domain.identity.User;

public interface RenewLeasesUseCase {
    /** Renews the leases of the caller's own started tasks among those named; returns how many. */
    int ping(User node, PingCommand command);
}
