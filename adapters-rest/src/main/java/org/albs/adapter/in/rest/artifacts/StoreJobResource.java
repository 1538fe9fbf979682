package org.albs.adapter.in.rest.artifacts;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.artifacts.FindStoreJobsUseCase;
import org.albs.application.port.in.artifacts.RetryStoreJobUseCase;
import org.albs.application.port.in.artifacts.StoreJobPage;
import org.albs.application.port.in.artifacts.StoreJobView;

/** The artifact-store jobs, for superusers: what each did, how often it tried, why it failed; retry a failed one. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = {StoreJobPage.class, StoreJobView.class})
public class StoreJobResource {
    private final FindStoreJobsUseCase find;
    private final RetryStoreJobUseCase retry;
    private final CurrentUser current;

    public StoreJobResource(FindStoreJobsUseCase find, RetryStoreJobUseCase retry, CurrentUser current) {
        this.find = find;
        this.retry = retry;
        this.current = current;
    }

    @GET
    @Path("/")
    @Secured
    public StoreJobPage list(@QueryParam("state") String state, @QueryParam("kind") String kind,
                             @QueryParam("build_id") String buildId, @QueryParam("page") String page) {
        Integer p = Params.optionalInt("page", page);
        Long build = Params.optionalLong("build_id", buildId);
        return Input.QUERY.of(() -> find.find(current.get(), Optional.ofNullable(Params.optionalText("state", state)),
                Optional.ofNullable(Params.optionalText("kind", kind)), Optional.ofNullable(build),
                p == null ? 1 : p));
    }

    @POST
    @Path("/{job_id}/retry")
    @Secured
    public StoreJobView retry(@PathParam("job_id") String jobId) {
        return retry.retry(current.get(), Params.id("path", "job_id", jobId));
    }
}
