package org.albs.adapter.in.rest.builds;

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

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.adapter.in.rest.common.Input;
import org.albs.application.port.in.builds.BuildFilter;
import org.albs.application.port.in.builds.BuildPage;
import org.albs.application.port.in.builds.BuildPageQuery;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CancelBuildUseCase;
import org.albs.application.port.in.builds.CreateBuildUseCase;
import org.albs.application.port.in.builds.DeleteBuildUseCase;
import org.albs.application.port.in.builds.FindBuildsUseCase;
import org.albs.application.port.in.builds.RestartFailedTasksUseCase;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;

@Path("/api/v1/builds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = {BuildView.class, BuildView.Task.class, BuildView.Owner.class,
        BuildView.Platform.class, BuildView.Ref.class, BuildView.Artifact.class, BuildView.PerformanceStats.class,
        BuildView.HistoryEntry.class, BuildView.ArtifactImport.class, BuildView.SignTaskSummary.class,
        BuildView.Flavour.class, BuildPage.class, TaskPayload.class,
        TaskPayload.Ref.class, TaskPayload.PlatformData.class, TaskPayload.CreatedBy.class, TaskPayload.Repo.class})
public class BuildResource {
    private final CreateBuildUseCase create;
    private final FindBuildsUseCase find;
    private final RestartFailedTasksUseCase restart;
    private final CancelBuildUseCase cancel;
    private final DeleteBuildUseCase delete;
    private final CurrentUser current;

    public BuildResource(CreateBuildUseCase create, FindBuildsUseCase find, RestartFailedTasksUseCase restart,
                         CancelBuildUseCase cancel, DeleteBuildUseCase delete, CurrentUser current) {
        this.create = create;
        this.find = find;
        this.restart = restart;
        this.cancel = cancel;
        this.delete = delete;
        this.current = current;
    }

    /** Upstream answers these PATCH calls with JSON {@code null}. */
    private static Response jsonNull() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Any verified user may build; the whole plan is stored before the answer. */
    @POST
    @Path("/")
    @Secured
    public BuildView create(BuildCreateRequest body) {
        Params.body(body);
        return Input.BODY.of(() -> create.create(current.get(), body.toCommand()));
    }

    /** Public, as upstream: page of 10, newest first. */
    @GET
    @Path("/")
    public BuildPage list(@QueryParam("pageNumber") String pageNumber, @QueryParam("created_by") String createdBy,
                          @QueryParam("project") String project, @QueryParam("ref") String ref,
                          @QueryParam("platform_id") String platformId,
                          @QueryParam("build_task_arch") String buildTaskArch,
                          @QueryParam("is_running") String isRunning, @QueryParam("rpm_name") String rpmName,
                          @QueryParam("rpm_epoch") String rpmEpoch, @QueryParam("rpm_version") String rpmVersion,
                          @QueryParam("rpm_release") String rpmRelease, @QueryParam("rpm_arch") String rpmArch,
                          @QueryParam("released") String released, @QueryParam("signed") String signed) {
        Integer page = Params.optionalInt("pageNumber", pageNumber);
        if (page == null) {
            throw new InvalidInputException(FieldProblem.of("Field required", "missing", "query", "pageNumber"));
        }
        BuildFilter filter = new BuildFilter(Params.optionalLong("created_by", createdBy),
                Params.optionalText("project", project), Params.optionalText("ref", ref),
                Params.optionalLong("platform_id", platformId), Params.optionalText("build_task_arch", buildTaskArch),
                Params.optionalBoolean("is_running", isRunning), Params.optionalText("rpm_name", rpmName),
                Params.optionalText("rpm_epoch", rpmEpoch), Params.optionalText("rpm_version", rpmVersion),
                Params.optionalText("rpm_release", rpmRelease), Params.optionalText("rpm_arch", rpmArch),
                Params.optionalBoolean("released", released), Params.optionalBoolean("signed", signed));
        return Input.QUERY.of(() -> find.page(new BuildPageQuery(page, filter)));
    }

    /**
     * Module builds need modulemd handling this server does not have yet; declared so the UI gets a clear 422
     * instead of the 405 of {@code /{build_id}/}.
     */
    @POST
    @Path("/get_module_preview/")
    public Response modulePreview() {
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(java.util.Map.of("detail", "module builds are not supported")).build();
    }

    @GET
    @Path("/{build_id}/")
    public BuildView get(@PathParam("build_id") String buildId) {
        return find.get(Params.id("path", "build_id", buildId));
    }

    @PATCH
    @Path("/{build_id}/restart-failed")
    @Secured
    public Response restartFailed(@PathParam("build_id") String buildId) {
        restart.restartFailed(current.get(), Params.id("path", "build_id", buildId), false);
        return jsonNull();
    }

    @PATCH
    @Path("/{build_id}/parallel-restart-failed")
    @Secured
    public Response parallelRestartFailed(@PathParam("build_id") String buildId) {
        restart.restartFailed(current.get(), Params.id("path", "build_id", buildId), true);
        return jsonNull();
    }

    @PATCH
    @Path("/{build_id}/cancel")
    @Secured
    public Response cancel(@PathParam("build_id") String buildId) {
        cancel.cancel(current.get(), Params.id("path", "build_id", buildId));
        return jsonNull();
    }

    @DELETE
    @Path("/{build_id}/remove")
    @Secured
    public Response remove(@PathParam("build_id") String buildId) {
        delete.delete(current.get(), Params.id("path", "build_id", buildId));
        return Response.noContent().build();
    }
}
