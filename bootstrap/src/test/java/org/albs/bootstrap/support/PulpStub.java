package org.albs.bootstrap.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.albs.domain.artifacts.PackageMeta;

/**
 * A stateful fake Pulp 3 for end-to-end tests: a WireMock server on a random port whose one extension keeps
 * repositories, distributions, content, publications and tasks in maps and answers what {@code PulpArtifactStore}
 * calls, in Pulp's shapes. Tasks complete at once. A test registers the artifacts a build node "uploaded"
 * ({@link #register}); content made from any other artifact href is refused with Pulp's 400. Every state-changing call
 * is recorded ({@link #calls()}), so a test can assert e.g. one modify per repository.
 *
 * <pre>
 * PulpStub pulp = PulpStub.start();   // PULP_HOST = pulp.baseUrl()
 * pulp.register(href, sha256, meta);  // meta null: a log file
 * ... pulp.modifies("AlmaLinux-9-x86_64-7-br"), pulp.publications(...), pulp.reset(), pulp.stop()
 * </pre>
 */
public final class PulpStub implements AutoCloseable {
    private static final String API = "/pulp/api/v3/";
    private static final String CONTENT_APP = "/pulp/content/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One state-changing call: method, path and JSON body (empty for DELETE). */
    public record Call(String method, String path, Map<String, Object> body) {
    }

    private record Artifact(String sha256, PackageMeta meta, byte[] bytes) {
    }

    private record Failure(String method, String pathPart, int[] left, int status) {
    }

    private final State state = new State();
    private final WireMockServer server;

    private PulpStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(state));
    }

    private static PulpStub shared;

    /** The one fake Pulp of the test run, started on first use (the server under test talks to it). */
    public static synchronized PulpStub shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public static PulpStub start() {
        PulpStub stub = new PulpStub();
        stub.server.start();
        stub.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
        return stub;
    }

    /** Pulp's host, for {@code PULP_HOST}: {@code http://localhost:<port>}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** An artifact a build node uploaded: its href, sha256 and, for a package, its header (null for a file). */
    public void register(String artifactHref, String sha256, PackageMeta meta) {
        synchronized (state) {
            state.artifacts.put(artifactHref, new Artifact(sha256, meta, null));
        }
    }

    /** A file a test system uploaded, with its bytes: the content app serves them once a repository holds it. */
    public void registerFile(String artifactHref, String sha256, byte[] bytes) {
        synchronized (state) {
            state.artifacts.put(artifactHref, new Artifact(sha256, null, bytes.clone()));
        }
    }

    /** A new artifact href, as Pulp would name one. */
    public static String artifactHref() {
        return API + "artifacts/" + UUID.randomUUID() + "/";
    }

    public List<Call> calls() {
        synchronized (state) {
            return List.copyOf(state.calls);
        }
    }

    /** The modify calls of the repository of that name, their bodies in order. */
    public List<Map<String, Object>> modifies(String repoName) {
        synchronized (state) {
            String href = state.repoHref(repoName);
            return state.calls.stream().filter(c -> href != null && c.path().equals(href + "modify/"))
                    .map(Call::body).toList();
        }
    }

    /** How many publications of the repository of that name were made. */
    public int publications(String repoName) {
        synchronized (state) {
            String href = state.repoHref(repoName);
            return (int) state.calls.stream().filter(c -> c.method().equals("POST")
                    && c.path().startsWith(API + "publications/") && href != null
                    && href.equals(c.body().get("repository"))).count();
        }
    }

    /** The names of the repositories that exist now. */
    public Set<String> repositories() {
        synchronized (state) {
            Set<String> names = new LinkedHashSet<>();
            state.repos.values().forEach(r -> names.add((String) r.get("name")));
            return names;
        }
    }

    /** The content hrefs in the latest version of the repository of that name (empty if it does not exist). */
    public Set<String> content(String repoName) {
        synchronized (state) {
            String href = state.repoHref(repoName);
            return href == null ? Set.of() : Set.copyOf(state.repoContent.get(href));
        }
    }

    /**
     * The next {@code times} calls of {@code method} whose path contains {@code pathPart} answer {@code status}
     * and change nothing (a Pulp in trouble).
     */
    public void failNext(String method, String pathPart, int times, int status) {
        synchronized (state) {
            state.failures.add(new Failure(method, pathPart, new int[] {times}, status));
        }
    }

    /** Every answer from now on comes after {@code millis} (0: at once again): a Pulp that does not answer. */
    public void stall(int millis) {
        synchronized (state) {
            state.delay = millis;
        }
    }

    /** Forgets everything: repositories, content, artifacts, calls. */
    public void reset() {
        synchronized (state) {
            state.clear();
        }
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** The fake Pulp's state and its answers. */
    private final class State implements ResponseDefinitionTransformerV2 {
        final Map<String, Artifact> artifacts = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> repos = new LinkedHashMap<>();
        final Map<String, Set<String>> repoContent = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> dists = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> content = new LinkedHashMap<>();
        final Map<String, List<String>> tasks = new LinkedHashMap<>();
        final List<Call> calls = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        int delay;

        void clear() {
            failures.clear();
            delay = 0;
            artifacts.clear();
            repos.clear();
            repoContent.clear();
            dists.clear();
            content.clear();
            tasks.clear();
            calls.clear();
        }

        String repoHref(String name) {
            return repos.entrySet().stream().filter(e -> name.equals(e.getValue().get("name")))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        }

        @Override
        public String getName() {
            return "stateful-pulp";
        }

        @Override
        public synchronized ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            for (Failure f : failures) {
                if (f.left()[0] > 0 && f.method().equals(request.getMethod().getName())
                        && request.getUrl().contains(f.pathPart())) {
                    f.left()[0]--;
                    return delayed(status(f.status(), Map.of("detail", "Service unavailable")));
                }
            }
            return delayed(answer(request));
        }

        private ResponseDefinition delayed(ResponseDefinition answer) {
            return delay == 0 ? answer : ResponseDefinitionBuilder.like(answer).withFixedDelay(delay).build();
        }

        private ResponseDefinition answer(Request request) {
            URI uri = URI.create(request.getUrl());
            String path = uri.getPath();
            String method = request.getMethod().getName();
            if (path.startsWith(CONTENT_APP) && method.equals("GET")) {
                return served(path.substring(CONTENT_APP.length()));
            }
            if (!path.startsWith(API)) {
                return status(404, Map.of("detail", "Not found."));
            }
            Map<String, Object> body = body(request);
            if (!method.equals("GET")) {
                calls.add(new Call(method, path, body));
            }
            List<String> seg = Arrays.stream(path.substring(API.length()).split("/")).filter(s -> !s.isEmpty())
                    .toList();
            Map<String, String> query = query(uri.getRawQuery());
            if (seg.size() == 2 && seg.get(0).equals("tasks") && method.equals("GET")) {
                List<String> created = tasks.get(path);
                if (created == null) {
                    return status(404, Map.of("detail", "Not found."));
                }
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("pulp_href", path);
                task.put("state", "completed");
                task.put("error", null);
                task.put("created_resources", created);
                return status(200, task);
            }
            if (seg.size() == 3) {
                String collection = API + String.join("/", seg) + "/";
                return switch (method) {
                    case "GET" -> list(seg.get(0), collection, query);
                    case "POST" -> create(seg.get(0), seg.get(1), collection, body);
                    default -> status(405, Map.of("detail", "Method not allowed."));
                };
            }
            if (seg.size() == 5 && seg.get(0).equals("repositories") && seg.get(4).equals("modify")
                    && method.equals("POST")) {
                return modify(API + String.join("/", seg.subList(0, 4)) + "/", body);
            }
            if (seg.size() == 4) {
                Map<String, Map<String, Object>> objects = objects(seg.get(0));
                Map<String, Object> object = objects == null ? null : objects.get(path);
                if (object == null) {
                    return status(404, Map.of("detail", "Not found."));
                }
                switch (method) {
                    case "GET":
                        return status(200, object);
                    case "DELETE":
                        objects.remove(path);
                        repoContent.remove(path);
                        return task(List.of());
                    case "PATCH":
                        object.putAll(body);
                        return task(List.of());
                    default:
                        return status(405, Map.of("detail", "Method not allowed."));
                }
            }
            return status(404, Map.of("detail", "Not found."));
        }

        /** The content app: a file of the repository a distribution serves, as its base path and relative path. */
        private ResponseDefinition served(String rest) {
            for (Map<String, Object> dist : dists.values()) {
                String base = dist.get("base_path") + "/";
                Set<String> units = repoContent.get(String.valueOf(dist.get("repository")));
                if (!rest.startsWith(base) || units == null) {
                    continue;
                }
                String file = rest.substring(base.length());
                for (String unit : units) {
                    Map<String, Object> c = content.get(unit);
                    Artifact a = c == null ? null : artifacts.get(String.valueOf(c.get("artifact")));
                    if (a != null && a.bytes() != null && file.equals(c.get("relative_path"))) {
                        return new ResponseDefinitionBuilder().withStatus(200).withBody(a.bytes()).build();
                    }
                }
            }
            return new ResponseDefinitionBuilder().withStatus(404).withBody("Not Found").build();
        }

        private Map<String, Map<String, Object>> objects(String group) {
            return switch (group) {
                case "repositories" -> repos;
                case "distributions" -> dists;
                case "content" -> content;
                default -> null;
            };
        }

        private ResponseDefinition list(String group, String collection, Map<String, String> query) {
            Map<String, Map<String, Object>> objects = objects(group);
            if (objects == null) {
                return status(404, Map.of("detail", "Not found."));
            }
            List<Map<String, Object>> results = objects.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(collection))
                    .map(Map.Entry::getValue)
                    .filter(o -> query.entrySet().stream().allMatch(q -> q.getKey().equals("limit")
                            || q.getKey().equals("offset") || q.getValue().equals(String.valueOf(o.get(q.getKey())))))
                    .toList();
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("count", results.size());
            page.put("next", null);
            page.put("previous", null);
            page.put("results", results);
            return status(200, page);
        }

        private ResponseDefinition create(String group, String plugin, String collection, Map<String, Object> body) {
            String href = collection + UUID.randomUUID() + "/";
            switch (group) {
                case "repositories": {
                    if (repoHref(String.valueOf(body.get("name"))) != null) {
                        return status(400, Map.of("name", List.of("This field must be unique.")));
                    }
                    Map<String, Object> repo = new LinkedHashMap<>();
                    repo.put("pulp_href", href);
                    repo.put("name", body.get("name"));
                    repo.put("versions_href", href + "versions/");
                    repo.put("latest_version_href", href + "versions/0/");
                    repo.put("retain_repo_versions", body.get("retain_repo_versions"));
                    repo.put("autopublish", Boolean.TRUE.equals(body.get("autopublish")));
                    repos.put(href, repo);
                    repoContent.put(href, new LinkedHashSet<>());
                    return status(201, repo);
                }
                case "distributions": {
                    boolean taken = dists.values().stream().anyMatch(d -> d.get("name").equals(body.get("name"))
                            || d.get("base_path").equals(body.get("base_path")));
                    if (taken) {
                        return status(400, Map.of("name", List.of("This field must be unique.")));
                    }
                    if (body.get("repository") != null && !repos.containsKey(String.valueOf(body.get("repository")))) {
                        return status(400, Map.of("repository", List.of("Invalid hyperlink - Object does not exist.")));
                    }
                    Map<String, Object> dist = new LinkedHashMap<>();
                    dist.put("pulp_href", href);
                    dist.put("name", body.get("name"));
                    dist.put("base_path", body.get("base_path"));
                    dist.put("base_url", server.baseUrl() + "/pulp/content/" + body.get("base_path") + "/");
                    dist.put("repository", body.get("repository"));
                    dist.put("publication", null);
                    dists.put(href, dist);
                    return task(List.of(href));
                }
                case "publications": {
                    String repo = String.valueOf(body.get("repository"));
                    if (!repos.containsKey(repo)) {
                        return status(400, Map.of("repository", List.of("Invalid hyperlink - Object does not exist.")));
                    }
                    return task(List.of(href));
                }
                case "content":
                    return createContent(plugin, collection, href, body);
                default:
                    return status(404, Map.of("detail", "Not found."));
            }
        }

        private ResponseDefinition createContent(String plugin, String collection, String href,
                                                 Map<String, Object> body) {
            Artifact artifact = artifacts.get(String.valueOf(body.get("artifact")));
            if (artifact == null || (plugin.equals("rpm") && artifact.meta() == null)) {
                return status(400, Map.of("artifact", List.of("Invalid hyperlink - Object does not exist.")));
            }
            for (Map.Entry<String, Map<String, Object>> e : content.entrySet()) {
                if (e.getKey().startsWith(collection) && artifact.sha256().equals(e.getValue().get("sha256"))) {
                    return task(List.of(e.getKey())); // Pulp hands back the existing unit
                }
            }
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("pulp_href", href);
            unit.put("artifact", body.get("artifact"));
            unit.put("relative_path", body.get("relative_path"));
            unit.put("sha256", artifact.sha256());
            if (plugin.equals("rpm")) {
                PackageMeta m = artifact.meta();
                unit.put("name", m.name());
                unit.put("epoch", m.epoch());
                unit.put("version", m.version());
                unit.put("release", m.release());
                unit.put("arch", m.arch());
                unit.put("pkgId", artifact.sha256());
                unit.put("checksum_type", "sha256");
                unit.put("location_href", body.get("relative_path"));
                unit.put("rpm_sourcerpm", m.sourceRpm() == null ? "" : m.sourceRpm());
            } else {
                unit.put("digest", artifact.sha256());
            }
            content.put(href, unit);
            return task(List.of(href));
        }

        @SuppressWarnings("unchecked")
        private ResponseDefinition modify(String repoHref, Map<String, Object> body) {
            Set<String> units = repoContent.get(repoHref);
            if (units == null) {
                return status(404, Map.of("detail", "Not found."));
            }
            List<String> add = (List<String>) body.getOrDefault("add_content_units", List.of());
            List<String> remove = (List<String>) body.getOrDefault("remove_content_units", List.of());
            for (String h : add) {
                if (!content.containsKey(h)) {
                    return status(400, Map.of("add_content_units", List.of("Invalid hyperlink - Object does not exist.")));
                }
            }
            units.removeAll(remove);
            units.addAll(add);
            Map<String, Object> repo = repos.get(repoHref);
            String latest = (String) repo.get("latest_version_href");
            int version = Integer.parseInt(latest.substring(latest.lastIndexOf("versions/") + 9, latest.length() - 1));
            String next = repoHref + "versions/" + (version + 1) + "/";
            repo.put("latest_version_href", next);
            return task(List.of(next));
        }

        private ResponseDefinition task(List<String> created) {
            String href = API + "tasks/" + UUID.randomUUID() + "/";
            tasks.put(href, List.copyOf(created));
            return status(202, Map.of("task", href));
        }

        private Map<String, Object> body(Request request) {
            String text = request.getBodyAsString();
            if (text == null || text.isBlank()) {
                return new LinkedHashMap<>();
            }
            try {
                return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
                });
            } catch (JsonProcessingException e) {
                return new LinkedHashMap<>(Map.of("unreadable", text));
            }
        }

        private Map<String, String> query(String raw) {
            Map<String, String> query = new LinkedHashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return query;
        }

        private ResponseDefinition status(int status, Object body) {
            try {
                return new ResponseDefinitionBuilder().withStatus(status)
                        .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body))
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
