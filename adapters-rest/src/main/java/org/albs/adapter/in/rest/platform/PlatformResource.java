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
import org.albs.adapter.in.rest.common.Input;
import org.albs.application.port.in.platform.CreatePlatformUseCase;
import org.albs.application.port.in.platform.LinkRepositoriesUseCase;
import org.albs.application.port.in.platform.ListPlatformsUseCase;
import org.albs.application.port.in.platform.ModifyPlatformUseCase;

@Path("/api/v1/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformResource {
    private final ListPlatformsUseCase list;
    private final CreatePlatformUseCase create;
    private final ModifyPlatformUseCase modify;
    private final LinkRepositoriesUseCase links;
    private final CurrentUser current;

    public PlatformResource(ListPlatformsUseCase list, CreatePlatformUseCase create, ModifyPlatformUseCase modify,
                            LinkRepositoriesUseCase links, CurrentUser current) {
        this.list = list;
        this.create = create;
        this.modify = modify;
        this.links = links;
        this.current = current;
    }

    @GET
    @Path("/")
    public List<PlatformDto> list() {
        return list.list().stream().map(PlatformDto::of).toList();
    }

    @POST
    @Path("/")
    @Secured
    public Response create(PlatformRequest body) {
        Params.body(body);
        return Response.status(201).entity(PlatformDto.of(Input.BODY.of(() -> create.create(current.get(),
                body.toSpec())))).build();
    }

    @PUT
    @Path("/")
    @Secured
    public PlatformDto modify(PlatformRequest body) {
        Params.body(body);
        return PlatformDto.of(Input.BODY.of(() -> modify.modify(current.get(), body.toSpec())));
    }

    @PATCH
    @Path("/{platform_id}/add-repositories")
    @Secured
    public PlatformDto addRepositories(@PathParam("platform_id") String platformId, List<Long> repositoryIds) {
        long id = Params.id("path", "platform_id", platformId);
        return PlatformDto.of(Input.BODY.of(() -> links.addRepositories(current.get(), id, repositoryIds)));
    }

    @PATCH
    @Path("/{platform_id}/remove-repositories")
    @Secured
    public PlatformDto removeRepositories(@PathParam("platform_id") String platformId, List<Long> repositoryIds) {
        long id = Params.id("path", "platform_id", platformId);
        return PlatformDto.of(Input.BODY.of(() -> links.removeRepositories(current.get(), id, repositoryIds)));
    }
}
