package org.albs.adapter.in.rest.platform;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.adapter.in.rest.common.Input;
import org.albs.application.port.in.platform.FindRepositoriesUseCase;

@Path("/api/v1/repositories")
@Produces(MediaType.APPLICATION_JSON)
@Secured
public class RepositoryResource {
    private final FindRepositoriesUseCase repositories;

    public RepositoryResource(FindRepositoriesUseCase repositories) {
        this.repositories = repositories;
    }

    @GET
    @Path("/")
    public List<RepositoryDto> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Integer max = Params.optionalInt("limit", limit);
        Long from = Params.optionalLong("offset", offset);
        return Input.QUERY.of(() -> repositories.list(max, from)).stream().map(RepositoryDto::of).toList();
    }

    @GET
    @Path("/{repository_id}/")
    public RepositoryDto get(@PathParam("repository_id") String repositoryId) {
        return RepositoryDto.of(repositories.get(Params.id("path", "repository_id", repositoryId)));
    }
}
