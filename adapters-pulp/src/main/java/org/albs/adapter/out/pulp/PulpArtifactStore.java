package org.albs.adapter.out.pulp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import org.albs.adapter.out.pulp.PulpModel.AsyncOperation;
import org.albs.adapter.out.pulp.PulpModel.Content;
import org.albs.adapter.out.pulp.PulpModel.Distribution;
import org.albs.adapter.out.pulp.PulpModel.Page;
import org.albs.adapter.out.pulp.PulpModel.Repository;
import org.albs.adapter.out.pulp.PulpModel.Task;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;

/**
 * The artifact store on Pulp 3 (pulpcore with pulp_rpm and pulp_file), through its REST API only (never its
 * database). RPM repositories are {@code repositories/rpm/rpm/}, served by {@code distributions/rpm/rpm/}; the log
 * repositories are {@code repositories/file/file/} and {@code distributions/file/file/}. The handle of a repository
 * is its Pulp href, of an operation the Pulp task href, of content the content href.
 *
 * <p>Every HTTP call has the settings' timeout; no answer, a timeout or a 5xx is tried again up to
 * {@code retries} times with exponential back-off and full jitter, then becomes a transient
 * {@link ArtifactStoreException}. A 4xx is a non-transient one carrying Pulp's error body. Blocking: call it from a
 * worker thread, never from an event loop.
 */
public class PulpArtifactStore implements ArtifactStore, AutoCloseable {
    private static final int RETAIN_REPO_VERSIONS = 5;
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_ERROR_BODY = 2000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JavaType REPOSITORIES = page(Repository.class);
    private static final JavaType DISTRIBUTIONS = page(Distribution.class);
    private static final JavaType CONTENTS = page(Content.class);
    private static final JavaType DISTRIBUTION = JSON.constructType(Distribution.class);
    private static final JavaType CONTENT = JSON.constructType(Content.class);
    private static final JavaType TASK = JSON.constructType(Task.class);

    /** Where one kind of content lives in Pulp's API. */
    private record Paths(String plugin, String type, String contentType) {
        static Paths of(ContentKind kind) {
            return kind == ContentKind.RPM ? new Paths("rpm", "rpm", "packages") : new Paths("file", "file", "files");
        }

        static Paths ofRepositoryHref(String handle) {
            Href href = Href.parse(handle);
            if (!href.group().equals("repositories")) {
                throw new ArtifactStoreException("not a Pulp repository href: " + handle, false);
            }
            return href.plugin().equals("rpm") ? of(ContentKind.RPM) : of(ContentKind.FILE);
        }
    }

    /** A status and a body, what the adapter reads of every answer. */
    private record Reply(int status, String body) {
        boolean is(int... statuses) {
            for (int s : statuses) {
                if (status == s) {
                    return true;
                }
            }
            return false;
        }
    }

    private static JavaType page(Class<?> item) {
        return JSON.getTypeFactory().constructParametricType(Page.class, item);
    }

    private final PulpSettings settings;
    private final PulpApi api;
    /** Pulp's content app, where published files are read (no credentials: it serves them to anybody). */
    private final HttpClient content;

    public PulpArtifactStore(PulpSettings settings) {
        this.settings = settings;
        String basic = Base64.getEncoder().encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.host()))
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new BasicAuth("Basic " + basic))
                .build(PulpApi.class);
        this.content = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Adds the basic-auth header to every request. */
    private record BasicAuth(String header) implements ClientRequestFilter {
        @Override
        public void filter(ClientRequestContext request) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
        }
    }

    @Override
    public Optional<StoredRepository> findRepository(BuildRepository spec) {
        Paths p = Paths.of(spec.kind());
        Optional<Repository> repo = findRepo(p, spec.name());
        if (repo.isEmpty()) {
            return Optional.empty();
        }
        return findDistribution(p, spec.name())
                .filter(d -> repo.get().href().equals(d.repository()))
                .map(d -> new StoredRepository(spec.name(), repo.get().href(), baseUrl(d)));
    }

    @Override
    public StoredRepository createRepository(BuildRepository spec) {
        Paths p = Paths.of(spec.kind());
        Repository repo = findRepo(p, spec.name()).orElseGet(() -> newRepo(p, spec.name()));
        Optional<Distribution> existing = findDistribution(p, spec.name());
        Distribution dist;
        if (existing.isEmpty()) {
            dist = newDistribution(p, spec, repo);
        } else if (!repo.href().equals(existing.get().repository())) {
            Href d = Href.parse(existing.get().href());
            String op = "point distribution " + spec.name() + " at its repository";
            Reply r = call(op, () -> api.update(d.group(), d.plugin(), d.type(), d.id(),
                    json(Map.of("repository", repo.href()))));
            await(new Operation(task(op, r)));
            dist = readDistribution(existing.get().href());
        } else {
            dist = existing.get();
        }
        return new StoredRepository(spec.name(), repo.href(), baseUrl(dist));
    }

    private Repository newRepo(Paths p, String name) {
        String op = "create repository " + name;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("retain_repo_versions", RETAIN_REPO_VERSIONS);
        Reply r = call(op, () -> api.create("repositories", p.plugin(), p.type(), json(body)));
        if (r.is(200, 201)) {
            return read(op, r.body(), Repository.class);
        }
        if (r.status() == 400) {
            // created meanwhile (a concurrent or an earlier, unanswered attempt): the name is unique in Pulp
            return findRepo(p, name).orElseThrow(() -> refused(op, r));
        }
        throw refused(op, r);
    }

    private Distribution newDistribution(Paths p, BuildRepository spec, Repository repo) {
        String op = "create distribution " + spec.name();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        body.put("base_path", spec.basePath());
        body.put("repository", repo.href());
        Reply r = call(op, () -> api.create("distributions", p.plugin(), p.type(), json(body)));
        if (r.status() == 400) {
            Optional<Distribution> meanwhile = findDistribution(p, spec.name())
                    .filter(d -> repo.href().equals(d.repository()));
            if (meanwhile.isPresent()) {
                return meanwhile.get();
            }
            throw refused(op, r);
        }
        List<String> created = await(new Operation(task(op, r)));
        String href = created.stream().filter(h -> h.contains("/distributions/")).findFirst()
                .orElse(null);
        if (href == null) {
            return findDistribution(p, spec.name())
                    .orElseThrow(() -> new ArtifactStoreException("Pulp " + op + ": the task created no distribution",
                            false));
        }
        return readDistribution(href);
    }

    private Distribution readDistribution(String href) {
        Href h = Href.parse(href);
        return fetch("read distribution " + href, () -> api.read(h.group(), h.plugin(), h.type(), h.id()),
                DISTRIBUTION);
    }

    @Override
    public void deleteRepository(StoredRepository repository) {
        Paths p = Paths.ofRepositoryHref(repository.handle());
        Optional<Distribution> dist = findDistribution(p, repository.name());
        if (dist.isPresent()) {
            delete("distribution " + repository.name(), dist.get().href());
        }
        delete("repository " + repository.name(), repository.handle());
    }

    private void delete(String what, String href) {
        Href h = Href.parse(href);
        String op = "delete " + what;
        Reply r = call(op, () -> api.delete(h.group(), h.plugin(), h.type(), h.id()));
        if (r.is(404, 204, 200)) {
            return;
        }
        await(new Operation(task(op, r)));
    }

    @Override
    public Optional<StoredContent> findContent(ContentKind kind, String sha256) {
        Paths p = Paths.of(kind);
        String op = "find " + p.contentType() + " with sha256 " + sha256;
        Page<Content> page = fetch(op, () -> api.list("content", p.plugin(), p.contentType(), null, sha256),
                CONTENTS);
        return page.results().stream().findFirst().map(c -> stored(kind, c));
    }

    @Override
    public Operation startContent(ContentKind kind, String artifactHandle, String fileName) {
        Paths p = Paths.of(kind);
        String op = "create " + p.contentType() + " " + fileName + " from " + artifactHandle;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("artifact", artifactHandle);
        body.put("relative_path", fileName);
        Reply r = call(op, () -> api.create("content", p.plugin(), p.contentType(), json(body)));
        return new Operation(task(op, r));
    }

    /** A file read from Pulp's content app: its status and at most the bytes asked for. */
    private record Download(int status, byte[] bytes) {
    }

    /**
     * Read where the distribution serves it (Pulp's API does not hand out a file's bytes), with the same timeout and
     * retries as every API call; a 404 is a file the repository does not serve.
     */
    @Override
    public Optional<byte[]> readFile(StoredRepository repository, String fileName, int maxBytes) {
        String op = "read " + fileName + " of " + repository.name();
        URI uri = URI.create(fileUrl(repository, fileName));
        Download d = retried(op, () -> download(uri, maxBytes), Download::status, x -> "");
        if (d.status() == 404) {
            return Optional.empty();
        }
        if (d.status() != 200) {
            throw new ArtifactStoreException("Pulp refused to " + op + ": HTTP " + d.status(), false);
        }
        return Optional.of(d.bytes());
    }

    private Download download(URI uri, int maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build();
        try {
            HttpResponse<InputStream> response = content.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                return new Download(response.statusCode(), response.statusCode() == 200
                        ? body.readNBytes(maxBytes) : new byte[0]);
            }
        } catch (IOException e) {
            throw new ProcessingException(e);
        } catch (InterruptedException e) {
            throw new ProcessingException(e);
        }
    }

    @Override
    public StoredContent describe(ContentKind kind, String contentHandle) {
        Href h = Href.parse(contentHandle);
        return stored(kind, fetch("read content " + contentHandle,
                () -> api.read(h.group(), h.plugin(), h.type(), h.id()), CONTENT));
    }

    @Override
    public Operation startChange(StoredRepository repository, Collection<String> add, Collection<String> remove) {
        Href h = Href.parse(repository.handle());
        String op = "modify repository " + repository.name();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("add_content_units", List.copyOf(add));
        body.put("remove_content_units", List.copyOf(remove));
        Reply r = call(op, () -> api.modify(h.plugin(), h.type(), h.id(), json(body)));
        return new Operation(task(op, r));
    }

    @Override
    public Operation startPublication(StoredRepository repository) {
        Paths p = Paths.ofRepositoryHref(repository.handle());
        String op = "publish repository " + repository.name();
        Reply r = call(op, () -> api.create("publications", p.plugin(), p.type(),
                json(Map.of("repository", repository.handle()))));
        return new Operation(task(op, r));
    }

    @Override
    public List<String> await(Operation operation) {
        Href h = Href.parse(operation.handle());
        String op = "wait for task " + operation.handle();
        long deadline = System.nanoTime() + settings.taskTimeout().toNanos();
        Duration interval = settings.taskPollInterval();
        Duration cap = interval.compareTo(MAX_POLL_INTERVAL) > 0 ? interval : MAX_POLL_INTERVAL;
        while (true) {
            Task task = fetch(op, () -> api.task(h.id()), TASK);
            String state = task.state() == null ? "" : task.state();
            switch (state) {
                case "completed":
                    return List.copyOf(task.createdResources());
                case "failed", "canceled", "skipped": // pulpcore's other final states
                    throw new ArtifactStoreException("Pulp task " + operation.handle() + " " + state + ": "
                            + description(task), false);
                default:
                    break; // waiting, running, canceling: not ended yet
            }
            if (System.nanoTime() + interval.toNanos() > deadline) {
                throw new ArtifactStoreException("Pulp task " + operation.handle() + " did not end within "
                        + settings.taskTimeout() + " (last state: " + state + ")", true);
            }
            sleep(interval);
            Duration next = Duration.ofNanos((long) (interval.toNanos() * 1.5));
            interval = next.compareTo(cap) > 0 ? cap : next;
        }
    }

    @Override
    public String packageUrl(StoredRepository repository, String fileName) {
        String base = repository.baseUrl().endsWith("/") ? repository.baseUrl() : repository.baseUrl() + "/";
        return base + "Packages/" + fileName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + fileName;
    }

    @Override
    public void close() {
        if (api instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the client: nothing to do about it
            }
        }
    }

    private Optional<Repository> findRepo(Paths p, String name) {
        String op = "find repository " + name;
        Page<Repository> page = fetch(op, () -> api.list("repositories", p.plugin(), p.type(), name, null),
                REPOSITORIES);
        return page.results().stream().filter(x -> name.equals(x.name())).findFirst();
    }

    private Optional<Distribution> findDistribution(Paths p, String name) {
        String op = "find distribution " + name;
        Page<Distribution> page = fetch(op, () -> api.list("distributions", p.plugin(), p.type(), name, null),
                DISTRIBUTIONS);
        return page.results().stream().filter(x -> name.equals(x.name())).findFirst();
    }

    private String baseUrl(Distribution d) {
        String url = d.baseUrl();
        if (url == null || url.isBlank()) {
            url = settings.host() + "/pulp/content/" + d.basePath();
        }
        return url.endsWith("/") ? url : url + "/";
    }

    private static StoredContent stored(ContentKind kind, Content c) {
        if (kind == ContentKind.FILE) {
            String sha = c.sha256() != null ? c.sha256() : c.digest();
            return new StoredContent(c.href(), sha, null);
        }
        String source = c.sourceRpm() == null || c.sourceRpm().isBlank() ? null : c.sourceRpm();
        return new StoredContent(c.href(), c.sha256(),
                new PackageMeta(c.name(), c.epoch(), c.version(), c.release(), c.arch(), source));
    }

    private static String description(Task task) {
        Map<String, Object> error = task.error();
        if (error == null) {
            return "no error given";
        }
        Object description = error.get("description");
        return description != null ? description.toString() : error.toString();
    }

    /** The task href of a call answered 202 {@code {"task": …}}; any other answer is Pulp refusing it. */
    private String task(String op, Reply r) {
        if (!r.is(202)) {
            throw refused(op, r);
        }
        String task = read(op, r.body(), AsyncOperation.class).task();
        if (task == null) {
            throw new ArtifactStoreException("Pulp " + op + ": the answer names no task: " + abbreviate(r.body()),
                    false);
        }
        return task;
    }

    private static ArtifactStoreException refused(String op, Reply r) {
        return new ArtifactStoreException("Pulp refused to " + op + ": HTTP " + r.status() + " "
                + abbreviate(r.body()), false);
    }

    /**
     * One HTTP call, tried again on no answer, a timeout or a 5xx: {@code retries} more times, waiting a random time
     * up to {@code backoff × 2^attempt} (full jitter) in between.
     */
    private Reply call(String op, Supplier<Response> request) {
        return retried(op, () -> reply(request), Reply::status, r -> abbreviate(r.body()));
    }

    /** {@link #call}'s retries around any kind of answer, its status and what a failure says of its body. */
    private <R> R retried(String op, Supplier<R> request, ToIntFunction<R> status, Function<R, String> body) {
        int attempt = 0;
        while (true) {
            String failure;
            Throwable cause = null;
            try {
                R reply = request.get();
                if (status.applyAsInt(reply) < 500) {
                    return reply;
                }
                failure = "HTTP " + status.applyAsInt(reply) + " " + body.apply(reply);
            } catch (ProcessingException e) {
                failure = e.getCause() != null ? e.getCause().toString() : e.toString();
                cause = e;
            }
            if (interrupted(cause)) {
                // the server is shutting down: no retry; the flag stays set for the job worker, which hands back
                Thread.currentThread().interrupt();
                throw new ArtifactStoreException("interrupted while waiting for Pulp to " + op, true, cause);
            }
            if (attempt >= settings.retries()) {
                throw new ArtifactStoreException("Pulp did not " + op + " after " + (attempt + 1) + " attempt(s): "
                        + failure, true, cause);
            }
            long ceiling = Math.min(MAX_BACKOFF.toMillis(), settings.backoff().toMillis() << Math.min(attempt, 20));
            sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1)));
            attempt++;
        }
    }

    private static Reply reply(Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        }
        try (Response r = response) {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            return new Reply(r.getStatus(), body == null ? "" : body);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String op, String body, Class<T> type) {
        return read(op, body, JSON.constructType(type));
    }

    private static <T> T read(String op, String body, JavaType type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw unreadable(op, body, e);
        }
    }

    /** A GET that must answer 200, its body read as {@code type}. */
    private <T> T fetch(String op, Supplier<Response> request, JavaType type) {
        Reply r = call(op, request);
        if (!r.is(200)) {
            throw refused(op, r);
        }
        return read(op, r.body(), type);
    }

    private static ArtifactStoreException unreadable(String op, String body, Exception e) {
        return new ArtifactStoreException("Pulp " + op + ": unreadable answer " + abbreviate(body), false, e);
    }

    private static String abbreviate(String body) {
        return body.length() <= MAX_ERROR_BODY ? body : body.substring(0, MAX_ERROR_BODY) + "…";
    }

    /** The calling thread was interrupted, while waiting for this call or before (the client may clear the flag). */
    private static boolean interrupted(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactStoreException("interrupted while waiting for Pulp", true, e);
        }
    }
}
