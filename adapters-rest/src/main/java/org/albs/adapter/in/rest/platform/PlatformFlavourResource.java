package org.albs.adapter.in.rest.platform;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.platform.CreatePlatformFlavourUseCase;
import org.albs.application.port.in.platform.ListPlatformFlavoursUseCase;
import org.albs.application.port.in.platform.ModifyPlatformFlavourUseCase;

/** Platform flavours: public list (the build planner reads it before login is checked), superuser changes. */
@Path("/api/v1/platform_flavors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformFlavourResource {
    private final ListPlatformFlavoursUseCase list;
    private final CreatePlatformFlavourUseCase create;
    private final ModifyPlatformFlavourUseCase modify;
    private final CurrentUser current;

    public PlatformFlavourResource(ListPlatformFlavoursUseCase list, CreatePlatformFlavourUseCase create,
                                   ModifyPlatformFlavourUseCase modify, CurrentUser current) {
        this.list = list;
        this.create = create;
        this.modify = modify;
        this.current = current;
    }

    @GET
    @Path("/")
    public List<PlatformFlavourDto> list() {
        return list.listFlavours().stream().map(PlatformFlavourDto::of).toList();
    }

    /** Upstream answers 200 with the flavour. */
    @POST
    @Path("/")
    @Secured
    public PlatformFlavourDto create(PlatformFlavourRequest body) {
        Params.body(body);
        return PlatformFlavourDto.of(Input.BODY.of(() -> create.createFlavour(current.get(), body.toSpec())));
    }

    @PATCH
    @Path("/")
    @Secured
    public PlatformFlavourDto modify(PlatformFlavourRequest body) {
        Params.body(body);
        return PlatformFlavourDto.of(Input.BODY.of(() -> modify.modifyFlavour(current.get(), body.toSpec())));
    }
}
