package org.albs.adapter.out.gitea;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.albs.application.port.out.GitHosting;

/**
 * Gitea's REST API (v1): {@code GET /orgs/{org}/repos}, {@code /repos/{owner}/{repo}}, {@code …/tags},
 * {@code …/branches}. Lists are read page by page ({@code ?page=N&limit=L}) until a page comes back shorter than
 * the limit. Any failure (no answer, timeout, a status other than 200, unreadable JSON) is a
 * {@link GitHostingException}; only a 404 of one repository is an answer (empty).
 */
public class GiteaGitHosting implements GitHosting {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A bound on pages: 2,000 × 50 repositories is far beyond any organisation. */
    private static final int MAX_PAGES = 2000;

    private final GiteaSettings settings;
    private final HttpClient http;

    public GiteaGitHosting(GiteaSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public List<HostedRepository> repositories(String organisation) {
        return pages("/orgs/" + segment(organisation) + "/repos", GiteaGitHosting::repository);
    }

    @Override
    public Optional<HostedRepository> repository(String fullName) {
        HttpResponse<String> r = get(repoPath(fullName));
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(repository(body(r)));
    }

    @Override
    public List<String> tags(String fullName) {
        return pages(repoPath(fullName) + "/tags", n -> text(n, "name"));
    }

    @Override
    public List<String> branches(String fullName) {
        return pages(repoPath(fullName) + "/branches", n -> text(n, "name"));
    }

    private <T> List<T> pages(String path, Function<JsonNode, T> map) {
        List<T> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode items = body(get(path + "?page=" + page + "&limit=" + settings.pageSize()));
            if (!items.isArray()) {
                throw new GitHostingException("Gitea " + path + " answered no list", null);
            }
            items.forEach(n -> all.add(map.apply(n)));
            if (items.size() < settings.pageSize()) {
                return all;
            }
        }
        throw new GitHostingException("Gitea " + path + " has more than " + MAX_PAGES + " pages", null);
    }

    private static HostedRepository repository(JsonNode n) {
        return new HostedRepository(text(n, "name"), text(n, "full_name"), text(n, "clone_url"),
                text(n, "updated_at"), n.path("empty").asBoolean(false), n.path("archived").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new GitHostingException("Gitea answered an item without " + field, null);
        }
        return v.asText();
    }

    private HttpResponse<String> get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(settings.api() + path))
                .timeout(settings.timeout()).header("Accept", "application/json").GET();
        settings.token().ifPresent(t -> b.header("Authorization", "token " + t));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitHostingException("Gitea " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHostingException("interrupted while calling Gitea " + path, e);
        }
    }

    private static JsonNode body(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new GitHostingException("Gitea " + r.uri().getPath() + " answered " + r.statusCode(), null);
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new GitHostingException("Gitea " + r.uri().getPath() + " answered no JSON", e);
        }
    }

    private static String repoPath(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash <= 0 || slash == fullName.length() - 1) {
            throw new IllegalArgumentException("not owner/name: " + fullName);
        }
        return "/repos/" + segment(fullName.substring(0, slash)) + "/" + segment(fullName.substring(slash + 1));
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
