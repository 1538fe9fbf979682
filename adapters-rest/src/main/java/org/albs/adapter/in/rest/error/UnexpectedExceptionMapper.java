package org.albs.adapter.in.rest.error;

import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

/** A bug: answer JSON with a correlation id the operator can find in the log. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Exception e) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, correlation id %s", correlationId);
        return Response.fromResponse(Responses.error(500, "Internal Server Error (correlation id " + correlationId + ")"))
                .header("X-Correlation-Id", correlationId).build();
    }
}
