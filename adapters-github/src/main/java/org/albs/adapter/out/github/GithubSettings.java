package org.albs.adapter.out.github;

import java.time.Duration;
import java.util.Objects;

/**
 * Where GitHub is (github.com and api.github.com, or a GitHub Enterprise server, or a test stub), the OAuth app's
 * client id and secret, and every call's timeout.
 */
public record GithubSettings(String oauthUrl, String apiUrl, String clientId, String clientSecret, Duration timeout) {
    public GithubSettings {
        oauthUrl = trimSlash(Objects.requireNonNull(oauthUrl, "oauthUrl"));
        apiUrl = trimSlash(Objects.requireNonNull(apiUrl, "apiUrl"));
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? "" : clientSecret;
        Objects.requireNonNull(timeout, "timeout");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
