package org.albs.domain.team;

import java.util.Objects;

/** One role of one team ({@code almalinux_manager}): its id, name, team and kind, which decides its actions. */
public record Role(long id, String name, long teamId, RoleKind kind) {
    public Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean allows(Action action) {
        return kind.allows(action);
    }
}
