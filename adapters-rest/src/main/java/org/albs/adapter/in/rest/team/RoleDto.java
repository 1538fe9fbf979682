package org.albs.adapter.in.rest.team;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.team.Role;

/** Upstream's Role: {@code {id, name}}, the name {@code {team}_{kind}}. */
@RegisterForReflection
public record RoleDto(long id, String name) {
    public static RoleDto of(Role r) {
        return new RoleDto(r.id(), r.name());
    }
}
