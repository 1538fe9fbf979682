package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.albs.application.port.out.ProjectIndexUnavailableException;
import org.jboss.logging.Logger;

/** Redis, where the project index lives, is down or failing: 503 with a detail, never a 500. */
@Provider
public class ProjectIndexUnavailableExceptionMapper implements ExceptionMapper<ProjectIndexUnavailableException> {
    private static final Logger LOG = Logger.getLogger(ProjectIndexUnavailableExceptionMapper.class);

    @Override
    public Response toResponse(ProjectIndexUnavailableException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.fromResponse(Responses.error(503,
                "The project index is unavailable (Redis cannot be reached); retry later"))
                .header("Retry-After", "5").build();
    }
}
