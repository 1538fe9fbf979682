package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.albs.application.port.out.PackageKnowledge;
import org.jboss.logging.Logger;

/**
 * The package knowledge base (beholder) did not answer while a release was planned: 503, saying why; nothing was
 * written (a plan that quietly sent everything to devel would be worse than no plan).
 */
@Provider
public class PackageKnowledgeUnavailableMapper implements ExceptionMapper<PackageKnowledge.Unavailable> {
    private static final Logger LOG = Logger.getLogger(PackageKnowledgeUnavailableMapper.class);

    @Override
    public Response toResponse(PackageKnowledge.Unavailable e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Responses.error(503, "The package knowledge base did not answer; try again later: " + e.getMessage());
    }
}
