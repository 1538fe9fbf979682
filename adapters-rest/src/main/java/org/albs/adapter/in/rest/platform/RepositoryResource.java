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
import org.albs.application.platform.RepositoryQueries;

@Path("/api/v1/repositories")
@Produces(MediaType.APPLICATION_JSON)
@Secured
public class RepositoryResource {
    private final RepositoryQueries repositories;

    public RepositoryResource(RepositoryQueries repositories) {
        this.repositories = repositories;
    }

    @GET
    @Path("/")
    public List<RepositoryDto> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return repositories.list(Params.optionalInt("limit", limit), Params.optionalLong("offset", offset))
                .stream().map(RepositoryDto::of).toList();
    }

    @GET
    @Path("/{repository_id}/")
    public RepositoryDto get(@PathParam("repository_id") String repositoryId) {
        return RepositoryDto.of(repositories.get(Params.id("path", "repository_id", repositoryId)));
    }
}
