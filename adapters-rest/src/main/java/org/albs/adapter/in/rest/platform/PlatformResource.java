package org.albs.adapter.in.rest.platform;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.platform.PlatformService;

@Path("/api/v1/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformResource {
    private final PlatformService platforms;
    private final CurrentUser current;

    public PlatformResource(PlatformService platforms, CurrentUser current) {
        this.platforms = platforms;
        this.current = current;
    }

    @GET
    @Path("/")
    public List<PlatformDto> list() {
        return platforms.list().stream().map(PlatformDto::of).toList();
    }

    @POST
    @Path("/")
    @Secured
    public Response create(PlatformRequest body) {
        Params.body(body);
        return Response.status(201).entity(PlatformDto.of(platforms.create(current.get(), body.toSpec()))).build();
    }

    @PUT
    @Path("/")
    @Secured
    public PlatformDto modify(PlatformRequest body) {
        Params.body(body);
        return PlatformDto.of(platforms.modify(current.get(), body.toSpec()));
    }

    @PATCH
    @Path("/{platform_id}/add-repositories")
    @Secured
    public PlatformDto addRepositories(@PathParam("platform_id") String platformId, List<Long> repositoryIds) {
        long id = Params.id("path", "platform_id", platformId);
        return PlatformDto.of(platforms.addRepositories(current.get(), id, repositoryIds));
    }

    @PATCH
    @Path("/{platform_id}/remove-repositories")
    @Secured
    public PlatformDto removeRepositories(@PathParam("platform_id") String platformId, List<Long> repositoryIds) {
        long id = Params.id("path", "platform_id", platformId);
        return PlatformDto.of(platforms.removeRepositories(current.get(), id, repositoryIds));
    }
}
