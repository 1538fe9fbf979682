package org.albs.adapter.in.rest.builds;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.adapter.in.rest.common.Input;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.builds.GetTaskUseCase;
import org.albs.application.port.in.builds.PingCommand;
import org.albs.application.port.in.builds.RenewLeasesUseCase;
import org.albs.application.port.in.builds.ReportBuildDoneUseCase;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.domain.lease.NotHeldException;

/** The three calls of the real build node (albs-node), byte for byte as upstream answers them. */
@Path("/api/v1/build_node")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Secured
public class BuildNodeResource {
    @RegisterForReflection
    public record PingRequest(List<Long> activeTasks) {
    }

    @RegisterForReflection
    public record GetTaskRequest(List<String> supportedArches, List<String> excludedPackages) {
    }

    /** Unknown fields (the node's {@code path}) are ignored. */
    @RegisterForReflection
    public record ArtifactRequest(String name, String type, String href, String sha256, String casHash) {
    }

    @RegisterForReflection
    public record BuildDoneRequest(Long taskId, String status, List<ArtifactRequest> artifacts,
                                   Map<String, Object> stats, Boolean isCasAuthenticated,
                                   String almaCommitCasHash, String gitCommitHash) {
    }

    private final GetTaskUseCase getTask;
    private final RenewLeasesUseCase renewLeases;
    private final ReportBuildDoneUseCase buildDone;
    private final CurrentUser current;

    public BuildNodeResource(GetTaskUseCase getTask, RenewLeasesUseCase renewLeases, ReportBuildDoneUseCase buildDone,
                             CurrentUser current) {
        this.getTask = getTask;
        this.renewLeases = renewLeases;
        this.buildDone = buildDone;
        this.current = current;
    }

    @POST
    @Path("/ping")
    public Map<String, Object> ping(PingRequest body) {
        Params.body(body);
        Input.BODY.run(() -> renewLeases.ping(current.get(), new PingCommand(body.activeTasks())));
        return Map.of();
    }

    /** 200 with the task, or 200 with JSON {@code null} when there is nothing for this node. */
    @POST
    @Path("/get_task")
    public Response getTask(GetTaskRequest body) {
        Params.body(body);
        TaskPayload task = Input.BODY.of(() -> getTask.nextTask(current.get(),
                new GetTaskCommand(body.supportedArches(), body.excludedPackages()))).orElse(null);
        return task == null ? Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build() : Response.ok(task).build();
    }

    /** 200 {"ok": true}; 409 {"ok": false} when the task is finished or no longer the caller's. */
    @POST
    @Path("/build_done")
    public Response buildDone(BuildDoneRequest body) {
        Params.body(body);
        List<BuildDoneCommand.RawArtifact> artifacts = body.artifacts() == null ? null : body.artifacts().stream()
                .map(a -> a == null ? null
                        : new BuildDoneCommand.RawArtifact(a.name(), a.type(), a.href(), a.sha256(), a.casHash()))
                .toList();
        try {
            Input.BODY.run(() -> buildDone.buildDone(current.get(), BuildDoneCommand.of(body.taskId(), body.status(),
                    artifacts, body.stats(), body.gitCommitHash(), body.almaCommitCasHash(),
                    body.isCasAuthenticated())));
        } catch (NotHeldException e) {
            return Response.status(409).entity(Map.of("ok", false, "detail", e.getMessage())).build();
        }
        return Response.ok(Map.of("ok", true)).build();
    }
}
