package org.albs.adapter.in.rest.team;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.team.FindRolesUseCase;

/** Every team's roles, for the roles editor. */
@Path("/api/v1/roles")
@Produces(MediaType.APPLICATION_JSON)
public class RoleResource {
    private final FindRolesUseCase roles;

    public RoleResource(FindRolesUseCase roles) {
        this.roles = roles;
    }

    @GET
    @Path("/")
    @Secured
    public List<RoleDto> roles() {
        return roles.roles().stream().map(RoleDto::of).toList();
    }
}
