package org.albs.adapter.in.rest.identity;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.albs.adapter.in.rest.common.Input;
import org.albs.adapter.in.rest.security.AuthenticationFilter;
import org.albs.adapter.in.rest.security.BrowserLoginSettings;
import org.albs.adapter.in.rest.security.Secured;
import org.albs.application.port.in.identity.BrowserCallbackCommand;
import org.albs.application.port.in.identity.BrowserLoginUseCase;
import org.albs.application.port.in.identity.SignedIn;

/** The browser login of today's upstream (fastapi-users' OAuth router), which the albs-frontend uses. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class GithubAuthResource {
    /** Upstream's cookie lifetime (fastapi-users CookieTransport, like the token's). */
    static final int COOKIE_MAX_AGE = 86_400;

    private final BrowserLoginUseCase login;
    private final BrowserLoginSettings settings;

    public GithubAuthResource(BrowserLoginUseCase login, BrowserLoginSettings settings) {
        this.login = login;
        this.settings = settings;
    }

    /** {@code scopes} is accepted as upstream does; the scopes asked for are always upstream's. */
    @GET
    @Path("/github/authorize")
    public Map<String, String> authorize(@QueryParam("scopes") List<String> scopes) {
        return Map.of("authorization_url", login.authorizationUrl());
    }

    @GET
    @Path("/github/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state) {
        SignedIn in = Input.QUERY.of(() -> login.finishBrowserLogin(new BrowserCallbackCommand(code, state)));
        return Response.status(302).location(URI.create(settings.finishedUrl()))
                .header(HttpHeaders.SET_COOKIE, cookie(in.token(), COOKIE_MAX_AGE)).build();
    }

    /** Tokens are stateless, as upstream's: this only clears the browser's cookie. */
    @POST
    @Path("/logout")
    @Secured
    public Response logout() {
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
    }

    /**
     * The {@code albs} cookie as upstream's fastapi-users sets it (written by hand: JAX-RS's NewCookie adds the
     * obsolete {@code Version=1}). Not HttpOnly: the web UI reads the token from it.
     */
    private String cookie(String value, int maxAge) {
        return AuthenticationFilter.COOKIE + "=" + value + "; Max-Age=" + maxAge + "; Path=/; SameSite=Lax"
                + (settings.secureCookie() ? "; Secure" : "");
    }
}
