package org.albs.adapter.in.rest.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.albs.adapter.in.rest.error.DomainExceptionMapper;
import org.albs.adapter.in.rest.error.Responses;
import org.albs.application.port.in.identity.AuthenticateUseCase;
import org.albs.domain.DomainException;

/**
 * Bearer authentication with upstream's status codes: no header 403 "Not authenticated" (FastAPI HTTPBearer),
 * another scheme 403, bad token or unknown/inactive user 401, unverified user 403.
 */
@Provider
@Secured
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    // Filters are built while the application starts, before runtime configuration exists: resolve lazily.
    private final Instance<AuthenticateUseCase> identity;
    private final CurrentUser current;

    public AuthenticationFilter(Instance<AuthenticateUseCase> identity, CurrentUser current) {
        this.identity = identity;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            ctx.abortWith(Responses.error(403, "Not authenticated"));
            return;
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("bearer")) {
            ctx.abortWith(Responses.error(403, "Invalid authentication credentials"));
            return;
        }
        try {
            current.set(identity.get().authenticate(header.substring(space + 1).trim()));
        } catch (DomainException e) {
            ctx.abortWith(new DomainExceptionMapper().toResponse(e));
        }
    }
}
