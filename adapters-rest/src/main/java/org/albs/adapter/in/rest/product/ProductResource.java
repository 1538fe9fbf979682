package org.albs.adapter.in.rest.product;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.product.ChangeProductBuildsUseCase;

/** Upstream's product routes for adding and removing a build: the same use case as the distribution routes. */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {
    private final ChangeProductBuildsUseCase change;
    private final CurrentUser current;

    public ProductResource(ChangeProductBuildsUseCase change, CurrentUser current) {
        this.change = change;
        this.current = current;
    }

    @POST
    @Path("/add/{build_id}/{product}/")
    @Secured
    public ProductChangeDto add(@PathParam("build_id") String buildId, @PathParam("product") String product) {
        return ProductChanges.add(change, current.get(), buildId, product, "product");
    }

    @POST
    @Path("/remove/{build_id}/{product}/")
    @Secured
    public ProductChangeDto remove(@PathParam("build_id") String buildId, @PathParam("product") String product) {
        return ProductChanges.remove(change, current.get(), buildId, product, "product");
    }
}
