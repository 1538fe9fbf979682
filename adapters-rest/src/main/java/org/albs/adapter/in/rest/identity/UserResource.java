package org.albs.adapter.in.rest.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

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
import org.albs.adapter.in.rest.security.Viewer;
import org.albs.adapter.in.rest.team.RoleDto;
import org.albs.adapter.in.rest.team.UserTeamDto;
import org.albs.application.port.in.team.ChangeUserRolesUseCase;
import org.albs.application.port.in.team.FindRolesUseCase;
import org.albs.application.port.in.team.FindTeamsUseCase;
import org.albs.adapter.in.rest.common.Input;
import org.albs.application.port.in.identity.CreateServiceAccountUseCase;
import org.albs.application.port.in.identity.GithubCodeCommand;
import org.albs.application.port.in.identity.ListUsersUseCase;
import org.albs.application.port.in.identity.LogInWithGithubUseCase;
import org.albs.application.port.in.identity.RemoveUserUseCase;
import org.albs.application.port.in.identity.SignedIn;
import org.albs.application.port.in.identity.UpdateUserCommand;
import org.albs.application.port.in.identity.UpdateUserUseCase;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.application.port.in.identity.IssueTokenUseCase;
import org.albs.application.port.in.identity.NewAccountCommand;
import org.albs.application.port.in.identity.TokenCommand;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = UserSummary.class)
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
    private final LogInWithGithubUseCase github;
    private final ListUsersUseCase users;
    private final UpdateUserUseCase update;
    private final RemoveUserUseCase remove;
    private final Viewer viewer;
    private final FindRolesUseCase roles;
    private final ChangeUserRolesUseCase changeRoles;
    private final FindTeamsUseCase teams;

    public UserResource(CreateServiceAccountUseCase accounts, IssueTokenUseCase tokens, CurrentUser current,
                        LogInWithGithubUseCase github, ListUsersUseCase users, UpdateUserUseCase update,
                        RemoveUserUseCase remove, Viewer viewer, FindRolesUseCase roles,
                        ChangeUserRolesUseCase changeRoles, FindTeamsUseCase teams) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.current = current;
        this.github = github;
        this.users = users;
        this.update = update;
        this.remove = remove;
        this.viewer = viewer;
        this.roles = roles;
        this.changeRoles = changeRoles;
        this.teams = teams;
    }

    /** A service account for a build node (verified, not a superuser). Superusers only. */
    @POST
    @Path("/")
    @Secured
    public Response create(CreateUserRequest body) {
        Params.body(body);
        UserDto created = UserDto.of(Input.BODY.of(() -> accounts.createServiceAccount(current.get(),
                new NewAccountCommand(body.username(), body.email()))));
        return Response.status(201).entity(created).build();
    }

    /** Mints a long-lived token for a user, as upstream's generate_token.py does offline. Superusers only. */
    @POST
    @Path("/{user_id}/token")
    @Secured
    public Map<String, String> token(@PathParam("user_id") String userId, TokenRequest body) {
        long id = Params.id("path", "user_id", userId);
        Params.body(body);
        return Map.of("jwt_token", Input.BODY.of(() -> tokens.issueToken(current.get(), id,
                new TokenCommand(body.lifetimeSeconds()))));
    }

    @GET
    @Path("/me")
    @Secured
    public UserDto me() {
        return UserDto.of(current.get());
    }

    /** The seed's {@code GET /}: the caller. */
    @GET
    @Path("/")
    @Secured
    public UserDto self() {
        return UserDto.of(current.get());
    }

    /** The seed's {@code {"user": {"code": ...}}}, or {@code {"code": ...}}. */
    @RegisterForReflection
    public record GithubLoginRequest(String code, GithubCode user) {
    }

    @RegisterForReflection
    public record GithubCode(String code) {
    }

    @RegisterForReflection
    public record GithubLoginResponse(long id, String username, String email, String jwtToken) {
    }

    @POST
    @Path("/login/github")
    public GithubLoginResponse loginWithGithub(GithubLoginRequest body) {
        Params.body(body);
        SignedIn in;
        if (body.code() == null && body.user() != null) {
            in = Input.BODY.of(() -> github.logInWithGithub(nested(body.user().code())));
        } else {
            in = Input.BODY.of(() -> github.logInWithGithub(new GithubCodeCommand(body.code())));
        }
        return new GithubLoginResponse(in.user().id().value(), in.user().username(), in.user().email(), in.token());
    }

    private static GithubCodeCommand nested(String code) {
        try {
            return new GithubCodeCommand(code);
        } catch (InvalidInputException e) {
            List<FieldProblem> located = e.problems().stream().map(p -> {
                List<Object> loc = new ArrayList<>();
                loc.add("user");
                loc.addAll(p.path());
                return new FieldProblem(loc, p.msg(), p.type());
            }).toList();
            throw new InvalidInputException(located);
        }
    }

    /** Public, as upstream (the web UI reads it before login); e-mail addresses only for a superuser caller. */
    @GET
    @Path("/all_users")
    public List<UserSummary> allUsers(@Context ContainerRequestContext request) {
        return users.listUsers(viewer.of(request));
    }

    @RegisterForReflection
    public record UpdateUserRequest(Long id, Boolean isActive, Boolean isVerified, Boolean isSuperuser) {
    }

    @RegisterForReflection
    public record Outcome(boolean success, String message) {
    }

    @PUT
    @Path("/{user_id}")
    @Secured
    public Outcome update(@PathParam("user_id") String userId, UpdateUserRequest body) {
        long id = Params.id("path", "user_id", userId);
        Params.body(body);
        Input.BODY.run(() -> update.updateUser(current.get(), id,
                new UpdateUserCommand(body.id(), body.isActive(), body.isVerified(), body.isSuperuser())));
        return new Outcome(true, "User with id " + id + " has been updated");
    }

    @DELETE
    @Path("/{user_id}/remove")
    @Secured
    public Outcome remove(@PathParam("user_id") String userId) {
        long id = Params.id("path", "user_id", userId);
        remove.removeUser(current.get(), id);
        return new Outcome(true, "User with id " + id + " has been removed");
    }

    /** The team roles the user holds (any signed-in user may look). */
    @GET
    @Path("/{user_id}/roles")
    @Secured
    public List<RoleDto> roles(@PathParam("user_id") String userId) {
        return roles.rolesOf(Params.id("path", "user_id", userId)).stream().map(RoleDto::of).toList();
    }

    /** Body: a JSON array of role ids. The caller needs assign_team_role on every team the roles belong to. */
    @PATCH
    @Path("/{user_id}/roles/add")
    @Secured
    public Outcome addRoles(@PathParam("user_id") String userId, List<Long> roleIds) {
        long id = Params.id("path", "user_id", userId);
        Params.body(roleIds);
        Input.BODY.run(() -> changeRoles.addRoles(current.get(), id, roleIds));
        return new Outcome(true, "Successfully added roles " + roleIds + " to " + id);
    }

    @PATCH
    @Path("/{user_id}/roles/remove")
    @Secured
    public Outcome removeRoles(@PathParam("user_id") String userId, List<Long> roleIds) {
        long id = Params.id("path", "user_id", userId);
        Params.body(roleIds);
        Input.BODY.run(() -> changeRoles.removeRoles(current.get(), id, roleIds));
        return new Outcome(true, "Successfully removed roles " + roleIds + " from " + id);
    }

    /** The teams the user is a member of. */
    @GET
    @Path("/{user_id}/teams")
    @Secured
    public List<UserTeamDto> teams(@PathParam("user_id") String userId) {
        return teams.teamsOf(Params.id("path", "user_id", userId)).stream().map(UserTeamDto::of).toList();
    }
}
