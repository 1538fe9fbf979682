package org.albs.adapter.in.rest.sources;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.sources.ListProjectsUseCase;
import org.albs.application.port.in.sources.ProjectList;
import org.albs.application.port.in.sources.ProjectQuery;

/**
 * The distribution's source projects (upstream's routers/projects.py): {@code /alma} lists the rpms
 * organisation's index, {@code /alma/modularity} the modules one; each answers upstream's
 * {@code [{name, clone_url, tags, branches}]}. Added: {@code name} (substring) and {@code page}/{@code page_size}
 * filters, and the number of matching projects in {@code X-Total-Count}.
 */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = {ProjectList.ProjectView.class})
public class ProjectResource {
    static final String RPMS = "rpms";
    static final String MODULES = "modules";

    private final ListProjectsUseCase projects;

    public ProjectResource(ListProjectsUseCase projects) {
        this.projects = projects;
    }

    @GET
    @Path("/alma")
    @Secured
    public Response alma(@QueryParam("name") String name, @QueryParam("page") String page,
                         @QueryParam("page_size") String pageSize) {
        return list(RPMS, name, page, pageSize);
    }

    @GET
    @Path("/alma/modularity")
    @Secured
    public Response modularity(@QueryParam("name") String name, @QueryParam("page") String page,
                               @QueryParam("page_size") String pageSize) {
        return list(MODULES, name, page, pageSize);
    }

    private Response list(String organisation, String name, String page, String pageSize) {
        ProjectList list = Input.QUERY.of(() -> projects.list(organisation, new ProjectQuery(
                Params.optionalText("name", name), Params.optionalInt("page", page),
                Params.optionalInt("page_size", pageSize))));
        List<ProjectList.ProjectView> body = list.projects();
        return Response.ok(body).header("X-Total-Count", list.total()).build();
    }
}
