package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.albs.application.port.out.IdentityProvider;
import org.jboss.logging.Logger;

/** GitHub timed out, failed or limited our rate during a login: 502, saying why; nothing was changed here. */
@Provider
public class IdentityProviderUnavailableMapper implements ExceptionMapper<IdentityProvider.Unavailable> {
    private static final Logger LOG = Logger.getLogger(IdentityProviderUnavailableMapper.class);

    @Override
    public Response toResponse(IdentityProvider.Unavailable e) {
        LOG.warnf("answering 502: %s", e.getMessage());
        return Responses.error(502, "Login with GitHub failed: " + e.getMessage());
    }
}
