package org.albs.adapter.in.rest.signing;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
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
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.port.in.signing.SignTaskView;
import org.albs.application.port.in.signing.SignTasksUseCase;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.signing.SignReport;

/**
 * Sign tasks (upstream's {@code /api/v1/sign-tasks/}) and the sign node's calls, byte for byte as clients.md §2.1:
 * {@code get_sign_task/} and {@code community/get_gen_sign_key_task/} answer {@code {}} when there is nothing,
 * {@code {id}/complete/} answers {@code {"success": true}} at once.
 */
@Path("/api/v1/sign-tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = {SignNodeUseCase.SignTaskOffer.class, SignNodeUseCase.OfferedPackage.class,
        SignNodeUseCase.GenKeyOffer.class})
public class SignTaskResource {
    @RegisterForReflection
    public record CreateRequest(Long buildId, Long signKeyId) {
    }

    @RegisterForReflection
    public record GetSignTaskRequest(List<String> keyIds) {
    }

    @RegisterForReflection
    public record PackageRequest(Long id, String name, String arch, String type, String href, String fingerprint,
                                 String sha256, String casHash) {
    }

    @RegisterForReflection
    public record CompleteRequest(Long buildId, Boolean success, String errorMessage, String logHref,
                                  List<PackageRequest> packages, Map<String, Object> stats) {
    }

    @RegisterForReflection
    public record GenKeyRequest(String userName, String userEmail, String productName) {
    }

    @RegisterForReflection
    public record GenKeyCompleteRequest(Boolean success, String errorMessage, String signKeyHref, String keyName,
                                        String keyId, String fingerprint, String fileName) {
    }

    @RegisterForReflection
    public record SignTaskDto(long id, long buildId, SignKeyDto signKey, int status, String errorMessage,
                              String logHref, int attempt, Long leaseHolder, LocalDateTime leaseExpiresAt,
                              LocalDateTime startedAt, LocalDateTime finishedAt, Map<String, Object> stats) {
        static SignTaskDto of(SignTaskView v) {
            return new SignTaskDto(v.id(), v.buildId(), SignKeyDto.of(v.signKey()), v.status(), v.errorMessage(),
                    v.logHref(), v.attempt(), v.leaseHolder(), SignKeyDto.time(v.leaseExpiresAt()),
                    SignKeyDto.time(v.startedAt()), SignKeyDto.time(v.finishedAt()), v.stats());
        }
    }

    private final SignTasksUseCase tasks;
    private final SignNodeUseCase node;
    private final CurrentUser current;

    public SignTaskResource(SignTasksUseCase tasks, SignNodeUseCase node, CurrentUser current) {
        this.tasks = tasks;
        this.node = node;
        this.current = current;
    }

    /** Public, as upstream; a build's tasks, or one page (100, newest first) of every task. */
    @GET
    @Path("/")
    public List<SignTaskDto> list(@QueryParam("build_id") String buildId, @QueryParam("pageNumber") String page) {
        Long build = Params.optionalLong("build_id", buildId);
        Integer p = Params.optionalInt("pageNumber", page);
        return Input.QUERY.of(() -> tasks.list(Optional.ofNullable(build), p == null ? 1 : p)).stream()
                .map(SignTaskDto::of).toList();
    }

    @POST
    @Path("/")
    @Secured
    public SignTaskDto create(CreateRequest body) {
        Params.body(body);
        return SignTaskDto.of(Input.BODY.of(() -> tasks.create(current.get(), body.buildId(), body.signKeyId())));
    }

    @POST
    @Path("/get_sign_task/")
    @Secured
    public Object getSignTask(GetSignTaskRequest body) {
        Params.body(body);
        return Input.BODY.of(() -> node.claim(current.get(), body.keyIds())).<Object>map(o -> o).orElse(Map.of());
    }

    @POST
    @Path("/{sign_task_id}/complete/")
    @Secured
    public Map<String, Object> complete(@PathParam("sign_task_id") String signTaskId, CompleteRequest body) {
        long id = Params.id("path", "sign_task_id", signTaskId);
        Params.body(body);
        if (body.success() == null) {
            throw new InvalidInputException(FieldProblem.of("Field required", "missing", "body", "success"));
        }
        List<SignReport.SignedPackage> packages = new ArrayList<>();
        if (body.packages() != null) {
            for (int i = 0; i < body.packages().size(); i++) {
                PackageRequest p = body.packages().get(i);
                if (p == null || p.name() == null || p.name().isBlank()) {
                    throw new InvalidInputException(FieldProblem.of("Field required", "missing", "body", "packages",
                            i, "name"));
                }
                packages.add(new SignReport.SignedPackage(p.id(), p.name(), p.arch(), p.type(), p.href(),
                        p.fingerprint(), p.sha256(), p.casHash()));
            }
        }
        SignReport report = new SignReport(body.success(), body.errorMessage(), packages, body.stats());
        Input.BODY.run(() -> node.complete(current.get(), id, body.buildId(), report));
        return Map.of("success", true);
    }

    /** A superuser queues a key generation (until the releases issue brings products). */
    @POST
    @Path("/community/")
    @Secured
    public SignNodeUseCase.GenKeyOffer createKeyGeneration(GenKeyRequest body) {
        Params.body(body);
        return Input.BODY.of(() -> node.createKeyGeneration(current.get(), body.userName(), body.userEmail(),
                body.productName()));
    }

    @POST
    @Path("/community/get_gen_sign_key_task/")
    @Secured
    public Object getGenKeyTask(Map<String, Object> ignored) {
        return node.claimKeyGeneration(current.get()).<Object>map(o -> o).orElse(Map.of());
    }

    /** The new community key, or, when the node reports a failure, {@code {"success": false}}. */
    @POST
    @Path("/community/{gen_key_task_id}/complete/")
    @Secured
    public Object completeKeyGeneration(@PathParam("gen_key_task_id") String taskId, GenKeyCompleteRequest body) {
        long id = Params.id("path", "gen_key_task_id", taskId);
        Params.body(body);
        return Input.BODY.of(() -> node.completeKeyGeneration(current.get(), id, new SignNodeUseCase.GeneratedKey(
                body.success(), body.errorMessage(), body.signKeyHref(), body.keyName(), body.keyId(),
                body.fingerprint(), body.fileName()))).<Object>map(SignKeyDto::of).orElse(Map.of("success", false));
    }
}
