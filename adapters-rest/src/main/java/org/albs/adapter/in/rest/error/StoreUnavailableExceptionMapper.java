package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.albs.application.port.out.StoreUnavailableException;
import org.jboss.logging.Logger;

/**
 * The database had no connection free for the whole acquisition timeout, or cannot be reached: nothing was done and
 * the client should come back shortly (503 with Retry-After, which the build node's retrying HTTP client honours),
 * not report a server bug.
 */
@Provider
public class StoreUnavailableExceptionMapper implements ExceptionMapper<StoreUnavailableException> {
    private static final Logger LOG = Logger.getLogger(StoreUnavailableExceptionMapper.class);
    private static final String RETRY_AFTER_SECONDS = "2";

    @Override
    public Response toResponse(StoreUnavailableException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.fromResponse(Responses.error(503,
                        "Service temporarily unavailable: the database is busy or unreachable; retry later"))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
