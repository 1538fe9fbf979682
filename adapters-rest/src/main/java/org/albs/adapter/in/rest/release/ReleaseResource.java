package org.albs.adapter.in.rest.release;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.release.CommitReleaseUseCase;
import org.albs.application.port.in.release.FindReleasesUseCase;
import org.albs.application.port.in.release.NewReleaseCommand;
import org.albs.application.port.in.release.PlanReleaseUseCase;
import org.albs.application.port.in.release.ReleaseEditCommand;
import org.albs.application.port.in.release.ReleasePage;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;

/** Releases (upstream's and the seed's {@code /api/v1/releases/}). Reading is public; changes need a user. */
@Path("/api/v1/releases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReleaseResource {
    /** The seed's commit answer; upstream's has only the message. */
    @RegisterForReflection
    public record Started(ReleaseDto release, String message) {
    }

    /** A page of releases. */
    @RegisterForReflection
    public record Page(List<ReleaseDto> releases, long totalReleases, int currentPage) {
    }

    private final PlanReleaseUseCase planning;
    private final CommitReleaseUseCase running;
    private final FindReleasesUseCase finding;
    private final CurrentUser current;

    public ReleaseResource(PlanReleaseUseCase planning, CommitReleaseUseCase running, FindReleasesUseCase finding,
                           CurrentUser current) {
        this.planning = planning;
        this.running = running;
        this.finding = finding;
        this.current = current;
    }

    /** With {@code pageNumber}: 10 a page, newest first; without: the newest releases as a bare list. */
    @GET
    @Path("/")
    public Object list(@QueryParam("pageNumber") String pageNumber, @QueryParam("platform_id") String platformId,
                       @QueryParam("status") String status, @QueryParam("package_name") String packageName,
                       @QueryParam("product_id") String productId) {
        Optional<Long> platform = Optional.ofNullable(Params.optionalLong("platform_id", platformId));
        Optional<Integer> state = Optional.ofNullable(Params.optionalInt("status", status));
        Optional<String> name = Optional.ofNullable(Params.optionalText("package_name", packageName));
        Optional<Long> product = Optional.ofNullable(Params.optionalLong("product_id", productId));
        Integer page = Params.optionalInt("pageNumber", pageNumber);
        if (page == null) {
            return Input.QUERY.of(() -> finding.all(platform, state, name, product)).stream().map(ReleaseDto::of)
                    .toList();
        }
        ReleasePage found = Input.QUERY.of(() -> finding.page(page, platform, state, name, product));
        return new Page(found.releases().stream().map(ReleaseDto::of).toList(), found.totalReleases(),
                found.currentPage());
    }

    @GET
    @Path("/{release_id}/")
    public ReleaseDto get(@PathParam("release_id") String releaseId) {
        return ReleaseDto.of(finding.find(Params.id("path", "release_id", releaseId)));
    }

    /** Plans a release of the builds (or of these tasks of them): SCHEDULED, with its plan to review. */
    @POST
    @Path("/new/")
    @Secured
    public ReleaseDto create(ReleaseRequests.Create body) {
        Params.body(body);
        if (body.platformId() == null) {
            throw new InvalidInputException(FieldProblem.of("Field required", "missing", "body", "platform_id"));
        }
        if (body.builds() == null) {
            throw new InvalidInputException(FieldProblem.of("Field required", "missing", "body", "builds"));
        }
        return ReleaseDto.of(Input.BODY.of(() -> planning.create(current.get(), new NewReleaseCommand(body.builds(),
                body.buildTasks(), body.platformId(), body.referencePlatformId(), body.productId()))));
    }

    /** New builds (planned again) or an edited plan; only while SCHEDULED or FAILED. */
    @PUT
    @Path("/{release_id}/")
    @Secured
    public ReleaseDto update(@PathParam("release_id") String releaseId, ReleaseRequests.Update body) {
        long id = Params.id("path", "release_id", releaseId);
        Params.body(body);
        return ReleaseDto.of(Input.BODY.of(() -> planning.edit(current.get(), id, new ReleaseEditCommand(
                Optional.ofNullable(body.builds()), Optional.ofNullable(body.buildTasks()),
                Optional.ofNullable(body.plan()).filter(p -> !p.isNull()).map(ReleaseRequests::editedPackages)))));
    }

    @POST
    @Path("/{release_id}/commit/")
    @Consumes(MediaType.WILDCARD)
    @Secured
    public Started commit(@PathParam("release_id") String releaseId) {
        long id = Params.id("path", "release_id", releaseId);
        return new Started(ReleaseDto.of(running.commit(current.get(), id)),
                "Release plan execution has been started");
    }

    @POST
    @Path("/{release_id}/revert/")
    @Consumes(MediaType.WILDCARD)
    @Secured
    public Started revert(@PathParam("release_id") String releaseId) {
        long id = Params.id("path", "release_id", releaseId);
        return new Started(ReleaseDto.of(running.revert(current.get(), id)), "Release plan revert has been started");
    }

    /** Only a SCHEDULED release: 204. */
    @DELETE
    @Path("/{release_id}/delete")
    @Consumes(MediaType.WILDCARD)
    @Secured
    public Response delete(@PathParam("release_id") String releaseId) {
        running.delete(current.get(), Params.id("path", "release_id", releaseId));
        return Response.noContent().build();
    }
}
