package org.albs.adapter.in.rest.signing;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.common.Params;
import org.albs.adapter.in.rest.security.CurrentUser;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.signing.SignKeysUseCase;

/** Sign keys (upstream's {@code /api/v1/sign-keys/}). */
@Path("/api/v1/sign-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Secured
public class SignKeyResource {
    @RegisterForReflection
    public record SignKeyRequest(String name, String description, String keyid, String fingerprint,
                                 String publicUrl, List<Long> platformIds, Long ownerId, Boolean active) {
    }

    private final SignKeysUseCase keys;
    private final CurrentUser current;

    public SignKeyResource(SignKeysUseCase keys, CurrentUser current) {
        this.keys = keys;
        this.current = current;
    }

    /** The active keys the caller may sign with. */
    @GET
    @Path("/")
    public List<SignKeyDto> list() {
        return keys.usable(current.get()).stream().map(SignKeyDto::of).toList();
    }

    /** A superuser adds a key: 201. {@code owner_id} is ignored (upstream overwrites it with the caller). */
    @POST
    @Path("/new/")
    public Response create(SignKeyRequest body) {
        Params.body(body);
        SignKeyDto created = SignKeyDto.of(Input.BODY.of(() -> keys.create(current.get(),
                new SignKeysUseCase.NewSignKey(body.name(), body.description(), body.keyid(), body.fingerprint(),
                        body.publicUrl(), body.platformIds()))));
        return Response.status(201).entity(created).build();
    }

    /** Only the fields given change. */
    @PUT
    @Path("/{sign_key_id}/")
    public SignKeyDto update(@PathParam("sign_key_id") String signKeyId, SignKeyRequest body) {
        long id = Params.id("path", "sign_key_id", signKeyId);
        Params.body(body);
        return SignKeyDto.of(Input.BODY.of(() -> keys.update(current.get(), id, new SignKeysUseCase.SignKeyChanges(
                body.name(), body.description(), body.keyid(), body.fingerprint(), body.publicUrl(),
                body.platformIds(), body.active()))));
    }
}
