package org.albs.adapter.in.rest.product;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.product.ChangeProductBuildsUseCase;
import org.albs.application.port.in.product.CreateProductUseCase;
import org.albs.application.port.in.product.ListProductsUseCase;

/** The seed's distributions: products, seen by name and id. */
@Path("/api/v1/distro")
@Produces(MediaType.APPLICATION_JSON)
public class DistributionResource {
    private final CreateProductUseCase create;
    private final ListProductsUseCase list;
    private final ChangeProductBuildsUseCase change;
    private final CurrentUser current;

    public DistributionResource(CreateProductUseCase create, ListProductsUseCase list,
                                ChangeProductBuildsUseCase change, CurrentUser current) {
        this.create = create;
        this.list = list;
        this.change = change;
        this.current = current;
    }

    @GET
    @Path("/")
    public List<DistributionDto> list() {
        return list.list().stream().map(DistributionDto::of).toList();
    }

    @POST
    @Path("/")
    @Secured
    @Consumes(MediaType.APPLICATION_JSON)
    public DistributionDto create(DistributionRequest body) {
        Params.body(body);
        return DistributionDto.of(Input.BODY.of(() -> create.create(current.get(), body.toCommand())));
    }

    @POST
    @Path("/add/{build_id}/{distribution}/")
    @Secured
    public ProductChangeDto add(@PathParam("build_id") String buildId,
                                @PathParam("distribution") String distribution) {
        return ProductChanges.add(change, current.get(), buildId, distribution, "distribution");
    }

    @POST
    @Path("/remove/{build_id}/{distribution}/")
    @Secured
    public ProductChangeDto remove(@PathParam("build_id") String buildId,
                                   @PathParam("distribution") String distribution) {
        return ProductChanges.remove(change, current.get(), buildId, distribution, "distribution");
    }
}
