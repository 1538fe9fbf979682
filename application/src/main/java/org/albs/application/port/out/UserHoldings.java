package org.albs.application.port.out;

import java.util.List;

import org.albs.domain.identity.UserId;

/** What a user owns elsewhere in the system, read before the user is removed. */
public interface UserHoldings {
    record Holdings(List<Long> builds, long releasedBuilds, long signedBuilds) {
        public Holdings {
            builds = List.copyOf(builds);
        }
    }

    Holdings of(UserId user);
}
