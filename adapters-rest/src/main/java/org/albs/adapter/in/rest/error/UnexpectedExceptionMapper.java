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
        // Two requests creating the same thing at once: the loser of the unique index gets what a sequential
        // request would have got, a conflict, not a server error.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                LOG.debugf("unique violation answered as 409: %s", sql.getMessage());
                return Responses.error(409, "Conflict: the request collides with an existing record");
            }
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, correlation id %s", correlationId);
        return Response.fromResponse(Responses.error(500, "Internal Server Error (correlation id " + correlationId + ")"))
                .header("X-Correlation-Id", correlationId).build();
    }
}
