package org.albs.adapter.in.rest.identity;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.adapter.in.rest.common.Input;
import org.albs.application.port.in.identity.CreateServiceAccountUseCase;
import org.albs.application.port.in.identity.IssueTokenUseCase;
import org.albs.application.port.in.identity.NewAccountCommand;
import org.albs.application.port.in.identity.TokenCommand;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Secured
public class UserResource {
    @RegisterForReflection
    public record CreateUserRequest(String username, String email) {
    }

    @RegisterForReflection
    public record TokenRequest(Long lifetimeSeconds) {
    }

    private final CreateServiceAccountUseCase accounts;
    private final IssueTokenUseCase tokens;
    private final CurrentUser current;

    public UserResource(CreateServiceAccountUseCase accounts, IssueTokenUseCase tokens, CurrentUser current) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.current = current;
    }

    /** A service account for a build node (verified, not a superuser). Superusers only. */
    @POST
    @Path("/")
    public Response create(CreateUserRequest body) {
        Params.body(body);
        UserDto created = UserDto.of(Input.BODY.of(() -> accounts.createServiceAccount(current.get(),
                new NewAccountCommand(body.username(), body.email()))));
        return Response.status(201).entity(created).build();
    }

    /** Mints a long-lived token for a user, as upstream's generate_token.py does offline. Superusers only. */
    @POST
    @Path("/{user_id}/token")
    public Map<String, String> token(@PathParam("user_id") String userId, TokenRequest body) {
        long id = Params.id("path", "user_id", userId);
        Params.body(body);
        return Map.of("jwt_token", Input.BODY.of(() -> tokens.issueToken(current.get(), id,
                new TokenCommand(body.lifetimeSeconds()))));
    }

    @GET
    @Path("/me")
    public UserDto me() {
        return UserDto.of(current.get());
    }
}
