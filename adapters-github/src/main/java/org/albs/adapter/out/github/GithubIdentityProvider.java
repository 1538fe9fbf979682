package org.albs.adapter.out.github;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.albs.application.port.out.IdentityProvider;

/**
 * {@link IdentityProvider} on GitHub's OAuth web flow and REST API, with the JDK {@link HttpClient} and a Jackson tree
 * (no reflection, nothing to register for a native image):
 * <ul>
 * <li>{@code GET {oauth}/login/oauth/authorize?client_id&redirect_uri&scope&state} is where browsers go;</li>
 * <li>{@code POST {oauth}/login/oauth/access_token} (form {@code client_id, client_secret, code[, redirect_uri]},
 * {@code Accept: application/json}) answers {@code {"access_token": ...}}, or, still with 200,
 * {@code {"error": "bad_verification_code", "error_description": ...}} for a bad, expired or used code;</li>
 * <li>{@code GET {api}/user} gives {@code id} and {@code login}; {@code GET {api}/user/emails} the addresses with
 * {@code primary} and {@code verified}: the primary one if verified, else the first verified one;</li>
 * <li>{@code GET {api}/user/memberships/orgs/{org}}: 200 with {@code state: "active"} for a member ({@code pending}
 * is not yet one), 404 (or 403 when the organisation restricts OAuth apps) for anyone else.</li>
 * </ul>
 * A refused code is {@link IdentityProvider.CodeRejected}; a timeout, an unreachable GitHub, a 5xx, a rate limit
 * (403 or 429 with {@code x-ratelimit-remaining: 0}), another unexpected status or an unreadable body is
 * {@link IdentityProvider.Unavailable}. Nothing is retried: the person is waiting and can try again.
 */
public final class GithubIdentityProvider implements IdentityProvider {
    /** The scopes upstream asks for (httpx-oauth's GitHubOAuth2 in albs-web-server). */
    public static final String SCOPES = "read:user user:email read:org";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_VERSION = "2022-11-28";

    private final GithubSettings settings;
    private final HttpClient http;

    public GithubIdentityProvider(GithubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String authorizationUrl(String state, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", SCOPES);
        query.put("state", state);
        return settings.oauthUrl() + "/login/oauth/authorize?" + form(query);
    }

    @Override
    public Identity identify(String code, String redirectUri, Collection<String> organizations) {
        String token = exchange(code, redirectUri);
        JsonNode user = api(token, "/user");
        if (!user.path("id").canConvertToLong() || user.path("id").asLong() <= 0 || !user.path("login").isTextual()) {
            throw new Unavailable("GitHub's /user answer has no id or login");
        }
        Optional<String> email = verifiedEmail(api(token, "/user/emails"));
        Set<String> memberOf = new LinkedHashSet<>();
        for (String org : organizations) {
            if (isActiveMember(token, org)) {
                memberOf.add(org);
            }
        }
        return new Identity(user.get("id").asLong(), user.get("login").asText(), email, memberOf);
    }

    private String exchange(String code, String redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", settings.clientId());
        body.put("client_secret", settings.clientSecret());
        body.put("code", code);
        if (redirectUri != null) {
            body.put("redirect_uri", redirectUri);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.oauthUrl() + "/login/oauth/access_token"))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw failure("the token exchange", response);
        }
        JsonNode answer = parse(response, "the token exchange");
        if (answer.path("error").isTextual()) {
            String error = answer.get("error").asText();
            String description = answer.path("error_description").asText("");
            if (error.equals("bad_verification_code") || error.equals("redirect_uri_mismatch")
                    || error.equals("unverified_user_email")) {
                throw new CodeRejected(description.isEmpty() ? error : error + ": " + description);
            }
            throw new Unavailable("GitHub refused the token exchange: " + error
                    + (description.isEmpty() ? "" : " (" + description + ")"));
        }
        if (!answer.path("access_token").isTextual() || answer.get("access_token").asText().isEmpty()) {
            throw new Unavailable("GitHub's token exchange answered no access_token");
        }
        return answer.get("access_token").asText();
    }

    private static Optional<String> verifiedEmail(JsonNode emails) {
        if (!emails.isArray()) {
            throw new Unavailable("GitHub's /user/emails answer is not a list");
        }
        Optional<String> anyVerified = Optional.empty();
        for (JsonNode e : emails) {
            if (!e.path("verified").asBoolean(false) || !e.path("email").isTextual()) {
                continue;
            }
            if (e.path("primary").asBoolean(false)) {
                return Optional.of(e.get("email").asText());
            }
            if (anyVerified.isEmpty()) {
                anyVerified = Optional.of(e.get("email").asText());
            }
        }
        return anyVerified;
    }

    private boolean isActiveMember(String token, String org) {
        HttpResponse<String> response = send(apiRequest(token, "/user/memberships/orgs/"
                + URLEncoder.encode(org, StandardCharsets.UTF_8)));
        if (response.statusCode() == 404 || (response.statusCode() == 403 && !rateLimited(response))) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw failure("the membership of " + org, response);
        }
        return "active".equals(parse(response, "the membership of " + org).path("state").asText());
    }

    private JsonNode api(String token, String path) {
        HttpResponse<String> response = send(apiRequest(token, path));
        if (response.statusCode() != 200) {
            throw failure(path, response);
        }
        return parse(response, path);
    }

    private HttpRequest apiRequest(String token, String path) {
        return HttpRequest.newBuilder(URI.create(settings.apiUrl() + path)).timeout(settings.timeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new Unavailable("GitHub did not answer within " + settings.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new Unavailable("GitHub cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for GitHub", e);
        }
    }

    private static boolean rateLimited(HttpResponse<String> response) {
        return response.statusCode() == 429 || (response.statusCode() == 403
                && response.headers().firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false));
    }

    private static Unavailable failure(String what, HttpResponse<String> response) {
        if (rateLimited(response)) {
            String reset = response.headers().firstValue("x-ratelimit-reset").map(r -> " (resets at epoch " + r + ")")
                    .orElse("");
            return new Unavailable("GitHub's rate limit is exhausted" + reset + "; try again later");
        }
        return new Unavailable("GitHub answered " + response.statusCode() + " to " + what);
    }

    private static JsonNode parse(HttpResponse<String> response, String what) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("GitHub's answer to " + what + " is not JSON", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
