package org.albs.adapter.in.rest.security;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.albs.application.port.in.identity.AuthenticateUseCase;
import org.albs.domain.DomainException;
import org.albs.domain.identity.User;

/**
 * Who reads a public route: the user behind a valid token, or nobody. A bad or stale token ({@code Bearer null},
 * which the web UI sends before login) reads what anybody reads.
 */
@Singleton
public class Viewer {
    private final Instance<AuthenticateUseCase> authenticate;

    public Viewer(Instance<AuthenticateUseCase> authenticate) {
        this.authenticate = authenticate;
    }

    public Optional<User> of(ContainerRequestContext request) {
        String token = AuthenticationFilter.tokenOf(request);
        if (token == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticate.get().authenticate(token));
        } catch (DomainException e) {
            return Optional.empty();
        }
    }
}
