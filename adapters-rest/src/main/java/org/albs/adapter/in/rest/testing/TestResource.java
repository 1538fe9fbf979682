package org.albs.adapter.in.rest.testing;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.testing.CancelTestsUseCase;
import org.albs.application.port.in.testing.FindTestTasksUseCase;
import org.albs.application.port.in.testing.PollTestTasksUseCase;
import org.albs.application.port.in.testing.ReportTestResultUseCase;
import org.albs.application.port.in.testing.RestartTestsUseCase;
import org.albs.application.port.in.testing.TestLogView;
import org.albs.application.port.in.testing.TestResultCommand;
import org.albs.application.port.in.testing.TestTaskPayload;
import org.albs.application.port.in.testing.TestTaskView;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;

/**
 * The tests: ALTS's poll and result (clients.md §3.2, exact paths with the trailing slash), the users' restart and
 * cancel, and the public queries (upstream §1.10; {@code logs} is declared before {@code /{revision}}).
 */
@Path("/api/v1/tests")
@Produces(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = {TestTaskView.class, TestLogView.class, TestLogView.TapResult.class,
        BuildView.PerformanceStats.class,
        BuildView.TestTaskSummary.class,
        BuildView.HistoryEntry.class, TestTaskPayload.Repository.class})
public class TestResource {
    private static final Map<String, Object> OK = Map.of("ok", true);

    /** ALTS's {@code TaskRequestPayload}: the module keys and {@code test_configuration} only when set. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayloadDto(long bsTaskId, String runnerType, String distName, String distVersion, String distArch,
                             String packageName, String packageVersion, String callbackHref,
                             List<TestTaskPayload.Repository> repositories, String moduleName,
                             String moduleStream, String moduleVersion, Map<String, Object> testConfiguration) {
        static PayloadDto of(TestTaskPayload p) {
            return new PayloadDto(p.bsTaskId(), p.runnerType(), p.distName(), p.distVersion(), p.distArch(),
                    p.packageName(), p.packageVersion(), p.callbackHref(),
                    p.repositories().isEmpty() ? null : p.repositories(), p.moduleName(), p.moduleStream(),
                    p.moduleVersion(), p.testConfiguration());
        }
    }

    private final PollTestTasksUseCase poll;
    private final ReportTestResultUseCase results;
    private final RestartTestsUseCase restart;
    private final CancelTestsUseCase cancel;
    private final FindTestTasksUseCase find;
    private final CurrentUser current;

    public TestResource(PollTestTasksUseCase poll, ReportTestResultUseCase results, RestartTestsUseCase restart,
                        CancelTestsUseCase cancel, FindTestTasksUseCase find, CurrentUser current) {
        this.poll = poll;
        this.results = results;
        this.restart = restart;
        this.cancel = cancel;
        this.find = find;
        this.current = current;
    }

    /** Always a JSON array ({@code []} when nothing waits): ALTS's scheduler thread dies on {@code null}. */
    @GET
    @Path("/get_test_tasks/")
    @Secured
    public List<PayloadDto> getTestTasks() {
        return poll.poll(current.get()).stream().map(PayloadDto::of).toList();
    }

    /** 200 {"ok": true}, also when the test had already ended (ALTS posts again; nothing changes then). */
    @POST
    @Path("/{test_task_id}/result/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured
    public Map<String, Object> result(@PathParam("test_task_id") String testTaskId, Map<String, Object> body) {
        long id = Params.id("path", "test_task_id", testTaskId);
        Params.body(body);
        TestResultCommand command = Input.BODY.of(() -> TestResultCommand.of(body));
        results.report(current.get(), id, command);
        return OK;
    }

    @PUT
    @Path("/build/{build_id}/restart")
    @Secured
    public Map<String, Object> restartBuild(@PathParam("build_id") String buildId) {
        restart.restartBuild(current.get(), Params.id("path", "build_id", buildId));
        return OK;
    }

    @PUT
    @Path("/build_task/{build_task_id}/restart")
    @Secured
    public Map<String, Object> restartBuildTask(@PathParam("build_task_id") String buildTaskId) {
        restart.restartBuildTask(current.get(), Params.id("path", "build_task_id", buildTaskId));
        return OK;
    }

    @PUT
    @Path("/build/{build_id}/cancel")
    @Secured
    public Map<String, Object> cancelBuild(@PathParam("build_id") String buildId) {
        cancel.cancelBuild(current.get(), Params.id("path", "build_id", buildId));
        return OK;
    }

    @GET
    @Path("/{build_task_id}/latest")
    public List<TestTaskView> latest(@PathParam("build_task_id") String buildTaskId) {
        return find.latest(Params.id("path", "build_task_id", buildTaskId));
    }

    @GET
    @Path("/{build_task_id}/logs")
    public List<TestLogView> logs(@PathParam("build_task_id") String buildTaskId) {
        return find.logs(Params.id("path", "build_task_id", buildTaskId));
    }

    @GET
    @Path("/{build_task_id}/{revision}")
    public List<TestTaskView> revision(@PathParam("build_task_id") String buildTaskId,
                                       @PathParam("revision") String revision) {
        long task = Params.id("path", "build_task_id", buildTaskId);
        int r;
        try {
            r = Integer.parseInt(revision.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FieldProblem.of(
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing", "path",
                    "revision"));
        }
        if (r < 0) {
            throw new InvalidInputException(FieldProblem.of("Input should be greater than or equal to 0",
                    "greater_than_equal", "path", "revision"));
        }
        return find.revision(task, r);
    }
}
