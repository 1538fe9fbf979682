package org.albs.adapter.out.pulp;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The part of Pulp's REST API the adapter calls. Every object is addressed like Pulp's hrefs:
 * {@code /pulp/api/v3/{group}/{plugin}/{type}/{id}/} (group: repositories, distributions, publications, content) and
 * {@code /pulp/api/v3/tasks/{id}/}. Bodies go and come as JSON text; {@link PulpArtifactStore} reads the status and
 * the body itself, so every answer, 4xx and 5xx included, comes back as a {@link Response}.
 */
@Path("/pulp/api/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface PulpApi {
    @GET
    @Path("/{group}/{plugin}/{type}/")
    Response list(@PathParam("group") String group, @PathParam("plugin") String plugin,
                  @PathParam("type") String type, @QueryParam("name") String name,
                  @QueryParam("sha256") String sha256);

    @POST
    @Path("/{group}/{plugin}/{type}/")
    Response create(@PathParam("group") String group, @PathParam("plugin") String plugin,
                    @PathParam("type") String type, String body);

    @GET
    @Path("/{group}/{plugin}/{type}/{id}/")
    Response read(@PathParam("group") String group, @PathParam("plugin") String plugin,
                  @PathParam("type") String type, @PathParam("id") String id);

    @PATCH
    @Path("/{group}/{plugin}/{type}/{id}/")
    Response update(@PathParam("group") String group, @PathParam("plugin") String plugin,
                    @PathParam("type") String type, @PathParam("id") String id, String body);

    @DELETE
    @Path("/{group}/{plugin}/{type}/{id}/")
    Response delete(@PathParam("group") String group, @PathParam("plugin") String plugin,
                    @PathParam("type") String type, @PathParam("id") String id);

    @POST
    @Path("/repositories/{plugin}/{type}/{id}/modify/")
    Response modify(@PathParam("plugin") String plugin, @PathParam("type") String type,
                    @PathParam("id") String id, String body);

    @GET
    @Path("/tasks/{id}/")
    Response task(@PathParam("id") String id);
}
