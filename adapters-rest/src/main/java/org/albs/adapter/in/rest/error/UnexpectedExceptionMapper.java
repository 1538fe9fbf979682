package org.albs.adapter.in.rest.error;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.albs.domain.FieldProblem;
import org.jboss.logging.Logger;

/**
 * A bug: answer JSON with a correlation id the operator can find in the log. Two database refusals are the client's
 * doing and answered as such: a unique violation (409) and a data exception (422).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof java.sql.SQLException sql) || sql.getSQLState() == null) {
                continue;
            }
            // Two requests creating the same thing at once: the loser of the unique index gets what a sequential
            // request would have got, a conflict, not a server error.
            if (sql.getSQLState().equals("23505")) {
                LOG.debugf("unique violation answered as 409: %s", sql.getMessage());
                return Responses.error(409, "Conflict: the request collides with an existing record");
            }
            // SQLSTATE class 22, "data exception": the database refused a value the request carried (the NUL
            // character inside free-form JSON, a number out of range). The transaction was rolled back, so nothing
            // was written; it is the client's input, not a bug.
            if (sql.getSQLState().startsWith("22")) {
                String reason = firstLine(sql.getMessage()).replaceFirst("^ERROR: ", "");
                LOG.warnf("data exception answered as 422 (SQLSTATE %s): %s", sql.getSQLState(), reason);
                return Responses.invalid(List.of(FieldProblem.of(
                        "The database refused a value of the request: " + reason, "value_error", "body")));
            }
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, correlation id %s", correlationId);
        return Response.fromResponse(Responses.error(500, "Internal Server Error (correlation id " + correlationId + ")"))
                .header("X-Correlation-Id", correlationId).build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
