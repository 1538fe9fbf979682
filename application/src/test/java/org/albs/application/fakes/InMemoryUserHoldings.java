package org.albs.application.fakes;

import java.util.List;

import org.albs.application.port.out.UserHoldings;
import org.albs.domain.identity.UserId;

/** What users own, read from the in-memory builds. */
public final class InMemoryUserHoldings implements UserHoldings {
    private final BuildStore store;

    public InMemoryUserHoldings(BuildStore store) {
        this.store = store;
    }

    @Override
    public Holdings of(UserId user) {
        List<BuildStore.BuildRow> owned = store.builds.values().stream().filter(b -> b.owner.equals(user)).toList();
        return new Holdings(owned.stream().map(b -> b.id).toList(), owned.stream().filter(b -> b.released).count(),
                0); // builds are not signed yet
    }
}
