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
 * Bearer (or {@code albs} cookie) authentication with upstream's status codes: neither 403 "Not authenticated",
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

    /** The cookie the browser login sets (upstream's CookieTransport name). */
    public static final String COOKIE = "albs";

    /** The token of a request: its bearer token, else its {@code albs} cookie; null when it has neither. */
    public static String tokenOf(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && !header.isBlank()) {
            int space = header.indexOf(' ');
            return space > 0 && header.substring(0, space).equalsIgnoreCase("bearer")
                    ? header.substring(space + 1).trim() : null;
        }
        jakarta.ws.rs.core.Cookie cookie = ctx.getCookies().get(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            String cookie = tokenOf(ctx);
            if (cookie == null) {
                ctx.abortWith(Responses.error(403, "Not authenticated"));
                return;
            }
            header = "Bearer " + cookie;
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
