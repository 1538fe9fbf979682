package org.albs.adapter.in.rest.artifacts;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.albs.adapter.in.rest.common.Params;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.FindBuildsUseCase;

/**
 * One build artifact, public like the build it belongs to, in the shape the build JSON shows it. Upstream has no
 * such route; the web UI calls it from dead code (Build.vue downloadArtifact), so it is served for completeness.
 */
@Path("/api/v1/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource {
    private final FindBuildsUseCase find;

    public ArtifactResource(FindBuildsUseCase find) {
        this.find = find;
    }

    @GET
    @Path("/{artifact_id}/")
    public BuildView.Artifact get(@PathParam("artifact_id") String artifactId) {
        return find.artifact(Params.id("path", "artifact_id", artifactId));
    }
}
