package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.albs.domain.AuthenticationFailedException;
import org.albs.domain.BadRequestException;
import org.albs.domain.ConflictException;
import org.albs.domain.DomainException;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;

/** The one place where a rule the core enforces becomes an HTTP status. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException e) {
        if (e instanceof InvalidInputException invalid) {
            return Responses.invalid(invalid.problems());
        }
        int status;
        if (e instanceof NotFoundException) {
            status = 404;
        } else if (e instanceof ConflictException) {
            status = 409;
        } else if (e instanceof PermissionDeniedException) {
            status = 403;
        } else if (e instanceof AuthenticationFailedException) {
            return Response.fromResponse(Responses.error(401, e.getMessage()))
                    .header("WWW-Authenticate", "Bearer").build();
        } else if (e instanceof BadRequestException) {
            status = 400;
        } else {
            status = 400;
        }
        return Responses.error(status, e.getMessage());
    }
}
