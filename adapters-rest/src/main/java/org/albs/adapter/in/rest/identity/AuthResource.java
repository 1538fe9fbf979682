package org.albs.adapter.in.rest.identity;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.albs.application.port.in.identity.LogInUseCase;
import org.albs.domain.Problems;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final LogInUseCase identity;

    public AuthResource(LogInUseCase identity) {
        this.identity = identity;
    }

    /** fastapi-users password login: form fields {@code username} (the e-mail) and {@code password}. */
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, String> login(@FormParam("username") String username, @FormParam("password") String password) {
        Problems p = new Problems();
        if (username == null) {
            p.add("Field required", "missing", "body", "username");
        }
        if (password == null) {
            p.add("Field required", "missing", "body", "password");
        }
        p.throwIfAny();
        return Map.of("access_token", identity.login(username, password), "token_type", "bearer");
    }
}
