package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * JSON of the wrong shape (a list where an object belongs, text for a number): 422 naming the field, as for any
 * other JSON problem. Needed because quarkus-rest-jackson ships a mapper for exactly this exception type that
 * answers 400 with an empty body, and the most specific mapper wins over {@link JsonExceptionMapper}.
 */
@Provider
public class MismatchedInputExceptionMapper implements ExceptionMapper<MismatchedInputException> {
    @Override
    public Response toResponse(MismatchedInputException e) {
        return new JsonExceptionMapper().toResponse(e);
    }
}
