package org.albs.adapter.in.rest.security;

/**
 * Where the web UI lives (upstream's FRONTEND_BASEURL, with a trailing slash): the browser login ends at
 * {@code {frontend}auth/login/finished}; the cookie is {@code Secure} unless the UI is served over plain http.
 */
public record BrowserLoginSettings(String frontendBaseUrl) {
    public BrowserLoginSettings {
        frontendBaseUrl = frontendBaseUrl.endsWith("/") ? frontendBaseUrl : frontendBaseUrl + "/";
    }

    public String finishedUrl() {
        return frontendBaseUrl + "auth/login/finished";
    }

    /** GitHub sends the browser back here: our callback as the browser reaches it, through the UI's proxy. */
    public String callbackUrl() {
        return frontendBaseUrl + "api/v1/auth/github/callback";
    }

    public boolean secureCookie() {
        return !frontendBaseUrl.regionMatches(true, 0, "http://", 0, 7);
    }
}
