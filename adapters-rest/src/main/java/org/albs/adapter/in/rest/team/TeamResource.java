package org.albs.adapter.in.rest.team;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.adapter.in.rest.security.Viewer;
import org.albs.application.port.in.team.ChangeTeamMembersUseCase;
import org.albs.application.port.in.team.CreateTeamCommand;
import org.albs.application.port.in.team.CreateTeamUseCase;
import org.albs.application.port.in.team.FindTeamsUseCase;
import org.albs.application.port.in.team.RemoveTeamUseCase;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;

/** Upstream's teams router: public reads, signed-in changes checked against the team's roles. */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {
    private final FindTeamsUseCase find;
    private final CreateTeamUseCase create;
    private final ChangeTeamMembersUseCase members;
    private final RemoveTeamUseCase remove;
    private final CurrentUser current;
    private final Viewer viewer;

    public TeamResource(FindTeamsUseCase find, CreateTeamUseCase create, ChangeTeamMembersUseCase members,
                        RemoveTeamUseCase remove, CurrentUser current, Viewer viewer) {
        this.find = find;
        this.create = create;
        this.members = members;
        this.remove = remove;
        this.current = current;
        this.viewer = viewer;
    }

    /** With {@code pageNumber} a page ({@code {teams, total_teams, current_page}}), without it every team. */
    @GET
    @Path("/")
    public Object list(@QueryParam("pageNumber") String pageNumber, @Context ContainerRequestContext request) {
        Integer page = Params.optionalInt("pageNumber", pageNumber);
        if (page == null) {
            return find.list(viewer.of(request)).stream().map(TeamDto::of).toList();
        }
        return TeamPageDto.of(Input.QUERY.of(() -> find.page(page, viewer.of(request))));
    }

    @GET
    @Path("/{team_id}/")
    public TeamDto show(@PathParam("team_id") String teamId, @Context ContainerRequestContext request) {
        return TeamDto.of(find.show(Params.id("path", "team_id", teamId), viewer.of(request)));
    }

    @POST
    @Path("/create/")
    @Secured
    @Consumes(MediaType.APPLICATION_JSON)
    public TeamDto create(TeamRequests.CreateTeam body) {
        Params.body(body);
        return TeamDto.of(Input.BODY.of(() -> create.create(current.get(),
                new CreateTeamCommand(body.teamName(), body.userId()))));
    }

    @POST
    @Path("/{team_id}/members/add/")
    @Secured
    @Consumes(MediaType.APPLICATION_JSON)
    public TeamDto addMembers(@PathParam("team_id") String teamId, TeamRequests.Members body) {
        long id = Params.id("path", "team_id", teamId);
        List<Long> users = userIds(body);
        return TeamDto.of(Input.BODY.of(() -> members.addMembers(current.get(), id, users)));
    }

    @POST
    @Path("/{team_id}/members/remove/")
    @Secured
    @Consumes(MediaType.APPLICATION_JSON)
    public TeamDto removeMembers(@PathParam("team_id") String teamId, TeamRequests.Members body) {
        long id = Params.id("path", "team_id", teamId);
        List<Long> users = userIds(body);
        return TeamDto.of(Input.BODY.of(() -> members.removeMembers(current.get(), id, users)));
    }

    /**
     * 202 as upstream. The feed spells it with the trailing slash, the team's page without; RESTEasy Reactive
     * matches both to this one route (a second declaration is refused as a duplicate), TeamApiTest checks both.
     */
    @DELETE
    @Path("/{team_id}/remove/")
    @Secured
    public Response remove(@PathParam("team_id") String teamId) {
        remove.remove(current.get(), Params.id("path", "team_id", teamId));
        return Response.accepted().build();
    }

    private static List<Long> userIds(TeamRequests.Members body) {
        Params.body(body);
        if (body.membersToUpdate() == null) {
            throw new InvalidInputException(FieldProblem.of("Field required", "missing", "body",
                    "members_to_update"));
        }
        for (int i = 0; i < body.membersToUpdate().size(); i++) {
            if (body.membersToUpdate().get(i) == null) {
                throw new InvalidInputException(FieldProblem.of("Input should be a valid dictionary",
                        "dict_type", "body", "members_to_update", i));
            }
        }
        return body.membersToUpdate().stream().map(TeamRequests.Member::id).toList();
    }
}
