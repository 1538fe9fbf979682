package org.albs.adapter.in.rest.product;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.adapter.in.rest.security.Viewer;
import org.albs.application.port.in.product.ChangeProductBuildsUseCase;
import org.albs.application.port.in.product.ManageProductsUseCase;
import org.albs.application.port.in.product.PlatformRef;
import org.albs.application.port.in.signing.SignNodeUseCase;

/**
 * Upstream's products router: public reads (a bad token reads as nobody), a signed-in user's product creation, the
 * owner's (or a superuser's) deletion and new platforms, and adding or removing a build (the same use case as the
 * distribution routes).
 */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {
    private final ChangeProductBuildsUseCase change;
    private final ManageProductsUseCase manage;
    private final CurrentUser current;
    private final Viewer viewer;

    public ProductResource(ChangeProductBuildsUseCase change, ManageProductsUseCase manage, CurrentUser current,
                           Viewer viewer) {
        this.change = change;
        this.manage = manage;
        this.current = current;
        this.viewer = viewer;
    }

    /**
     * With {@code pageNumber} a page ({@code {products, total_products, current_page}}), without it every product;
     * {@code search_string} (name or title contains, case-insensitive; empty: everything) filters both.
     */
    @GET
    @Path("/")
    public Object list(@QueryParam("pageNumber") String pageNumber, @QueryParam("search_string") String search,
                       @Context ContainerRequestContext request) {
        Integer page = Params.optionalInt("pageNumber", pageNumber);
        if (page == null) {
            return manage.list(viewer.of(request), search).stream().map(ProductDto::of).toList();
        }
        return ProductPageDto.of(Input.QUERY.of(() -> manage.page(viewer.of(request), search, page)));
    }

    @GET
    @Path("/{product_id}/")
    public ProductDto show(@PathParam("product_id") String productId, @Context ContainerRequestContext request) {
        return ProductDto.of(manage.show(viewer.of(request), Params.id("path", "product_id", productId)));
    }

    @POST
    @Path("/")
    @Secured
    @Consumes(MediaType.APPLICATION_JSON)
    public ProductDto create(ProductRequests.CreateProduct body) {
        Params.body(body);
        return ProductDto.of(Input.BODY.of(() -> manage.create(current.get(), body.toCommand())));
    }

    @DELETE
    @Path("/{product_id}/remove/")
    @Secured
    public ProductChangeDto remove(@PathParam("product_id") String productId) {
        return new ProductChangeDto(true, manage.remove(current.get(), Params.id("path", "product_id", productId)));
    }

    /** Upstream's {@code GenKeyTask {id, user_name, user_email, product_name}}. */
    @POST
    @Path("/{product_id}/gen-sign-key/")
    @Secured
    public SignNodeUseCase.GenKeyOffer generateKey(@PathParam("product_id") String productId) {
        return manage.generateKey(current.get(), Params.id("path", "product_id", productId));
    }

    /** 201 as upstream (whose body is empty); the product as it is now. */
    @POST
    @Path("/{product_id}/add-platforms/")
    @Secured
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addPlatforms(@PathParam("product_id") String productId,
                                 List<ProductRequests.PlatformBody> body) {
        long id = Params.id("path", "product_id", productId);
        Params.body(body);
        List<PlatformRef> refs = body.stream().map(p -> p == null ? null : p.toRef()).toList();
        return Response.status(Response.Status.CREATED).entity(ProductDto.of(Input.BODY.of(() ->
                manage.addPlatforms(current.get(), id, refs)))).build();
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
