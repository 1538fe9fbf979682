package org.albs.adapter.out.beholder;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.albs.application.port.out.PackageKnowledge;
import org.albs.domain.platform.Platform;
import org.albs.domain.release.KnownPackage;
import org.albs.domain.release.MatchMethod;

/**
 * {@link PackageKnowledge} backed by beholder's REST API, with the JDK {@link HttpClient} and a Jackson tree (no
 * reflection, so nothing to register for a native image).
 *
 * <p>For each distribution in turn it asks {@code GET {host}/api/v1/distros/{name}/{version}/project/{srpm}?match=closest}
 * where {@code name} is the distribution name cut before its first digit and trimmed of {@code -} (as upstream cleans
 * platform names: {@code AlmaLinux-8} → {@code AlmaLinux}) and {@code srpm} is the source RPM file name as given. The
 * answer is read as
 *
 * <pre>
 * {"distribution": {...}, "type": "package", "sourcerpm": {...},
 *  "packages": {"closest": [{"name", "epoch", "version", "release", "arch",
 *                            "repositories": [{"name", "arch"}, ...]}, ...]}}
 * </pre>
 *
 * (the object under {@code packages} is keyed by match kind; every key is read). Like upstream, the first distribution
 * whose answer holds any {@code i686} package decides; of those packages, the ones with a repository of arch
 * {@code x86_64} are multilib. A 404 means the distribution does not know the project: the next one is asked.
 * 5xx, 429, connection errors and timeouts are retried with jittered exponential back-off, then reported as
 * {@link PackageKnowledge.Unavailable}; so are other 4xx answers (not retried) and unreadable bodies.
 */
public final class BeholderPackageKnowledge implements PackageKnowledge {
    private static final System.Logger LOG = System.getLogger(BeholderPackageKnowledge.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MULTILIB_ARCH = "i686";
    private static final String MULTILIB_REPOSITORY_ARCH = "x86_64";
    private static final int MAX_BACKOFF_DOUBLINGS = 16;
    private static final long MAX_BACKOFF_MILLIS = Duration.ofMinutes(1).toMillis();

    private final BeholderSettings settings;
    private final HttpClient http;

    public BeholderPackageKnowledge(BeholderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = settings.enabled()
                ? HttpClient.newBuilder()
                        .connectTimeout(settings.timeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()
                : null;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public Map<String, String> multilibPackages(List<Distribution> distributions, String srpmFileName) {
        Objects.requireNonNull(distributions, "distributions");
        Objects.requireNonNull(srpmFileName, "srpmFileName");
        if (!enabled()) {
            return Map.of();
        }
        for (Distribution distribution : distributions) {
            URI uri = projectUri(distribution, srpmFileName);
            JsonNode answer = get(uri);
            if (answer == null) {
                LOG.log(Level.DEBUG, "beholder does not know {0}", uri);
                continue;
            }
            Map<String, String> multilib = new LinkedHashMap<>();
            boolean anyI686 = false;
            for (JsonNode pkg : packagesOf(answer)) {
                if (!MULTILIB_ARCH.equals(pkg.path("arch").asText(null))) {
                    continue;
                }
                anyI686 = true;
                if (hasRepositoryArch(pkg, MULTILIB_REPOSITORY_ARCH)
                        && pkg.path("name").isTextual() && pkg.path("version").isTextual()) {
                    multilib.put(pkg.get("name").asText(), pkg.get("version").asText());
                }
            }
            if (anyI686) {
                return Map.copyOf(multilib);
            }
        }
        return Map.of();
    }

    /**
     * Asks {@code POST {host}/api/v1/distros/{name}/{version}/projects/} with {@code {"source_rpms": [...], "match":
     * ["name_only", "name_version", "closest", "exact"]}} (as upstream's release planner does). The answer is read as
     * one project answer or an array of them, each shaped as the single-project answer above: {@code packages} keyed
     * by match method, each package with {@code name}, {@code version}, {@code arch} and {@code repositories: [{name,
     * arch}]}. Packages under an unknown match method, or without a name or arch, are skipped.
     */
    @Override
    public List<KnownPackage> projectPackages(Distribution distribution, List<String> srpmFileNames) {
        Objects.requireNonNull(distribution, "distribution");
        if (!enabled() || srpmFileNames.isEmpty()) {
            return List.of();
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode srpms = body.putArray("source_rpms");
        srpmFileNames.forEach(srpms::add);
        ArrayNode match = body.putArray("match");
        for (MatchMethod m : MATCH_ORDER) {
            match.add(m.wireName());
        }
        URI uri = projectsUri(distribution);
        JsonNode answer;
        try {
            answer = send(uri, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (answer == null) {
            return List.of();
        }
        List<KnownPackage> known = new ArrayList<>();
        for (JsonNode project : answer.isArray() ? answer : List.of(answer)) {
            JsonNode byMatch = project.path("packages");
            for (MatchMethod method : MATCH_ORDER) {
                for (JsonNode pkg : byMatch.path(method.wireName())) {
                    String name = pkg.path("name").asText(null);
                    String arch = pkg.path("arch").asText(null);
                    if (name == null || arch == null) {
                        continue;
                    }
                    List<KnownPackage.Location> locations = new ArrayList<>();
                    for (JsonNode repo : pkg.path("repositories")) {
                        String repoName = repo.path("name").asText(null);
                        if (repoName != null) {
                            locations.add(new KnownPackage.Location(repoName, repo.path("arch").asText(arch)));
                        }
                    }
                    known.add(new KnownPackage(name, pkg.path("version").asText(null), arch, locations, method));
                }
            }
        }
        return List.copyOf(known);
    }

    /** Upstream's order: the least exact first. */
    private static final List<MatchMethod> MATCH_ORDER = List.of(MatchMethod.NAME_ONLY, MatchMethod.NAME_VERSION,
            MatchMethod.CLOSEST, MatchMethod.EXACT);

    URI projectsUri(Distribution distribution) {
        return URI.create(distroBase(distribution) + "/projects/");
    }

    /** {@code {host}/api/v1/distros/{name}/{version}}: where beholder answers about a distribution. */
    private String distroBase(Distribution distribution) {
        String host = settings.host().orElseThrow();
        while (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        return host + "/api/v1/distros/" + pathSegment(cleanDistributionName(distribution.name())) + "/"
                + pathSegment(distribution.version());
    }

    /** Every package under {@code packages.<match kind>[]}. */
    private static List<JsonNode> packagesOf(JsonNode answer) {
        JsonNode byMatch = answer.path("packages");
        if (!byMatch.isObject()) {
            return List.of();
        }
        List<JsonNode> packages = new ArrayList<>();
        for (JsonNode matched : byMatch) {
            if (matched.isArray()) {
                matched.forEach(packages::add);
            }
        }
        return packages;
    }

    private static boolean hasRepositoryArch(JsonNode pkg, String arch) {
        for (JsonNode repository : pkg.path("repositories")) {
            if (arch.equals(repository.path("arch").asText(null))) {
                return true;
            }
        }
        return false;
    }

    URI projectUri(Distribution distribution, String srpmFileName) {
        return URI.create(distroBase(distribution) + "/project/" + pathSegment(srpmFileName) + "?match=closest");
    }

    /** The distribution's name as beholder's paths have it ({@link Platform#distributionName}). */
    static String cleanDistributionName(String name) {
        return Platform.distributionName(name);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters (so {@code +} → {@code %2B}, space → {@code %20}). */
    static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** The parsed answer, or {@code null} on 404. */
    private JsonNode get(URI uri) {
        return send(uri, null);
    }

    /** The parsed answer to a GET ({@code body} null) or a JSON POST, or {@code null} on 404. */
    private JsonNode send(URI uri, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        settings.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpRequest built = request.build();
        int attempts = settings.retries() + 1;
        Exception last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                pause(attempt, uri, last);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = e;
                LOG.log(Level.WARNING, "beholder call {0} failed (attempt {1} of {2}): {3}", uri, attempt + 1,
                        attempts, e.toString());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while calling beholder: " + uri, e);
            }
            int status = response.statusCode();
            if (status == 404) {
                return null;
            }
            if (status >= 200 && status < 300) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new Unavailable("beholder answered an unreadable body for " + uri, e);
                }
            }
            if (status >= 500 || status == 429) {
                last = new IOException("beholder answered HTTP " + status);
                LOG.log(Level.WARNING, "beholder call {0} answered HTTP {1} (attempt {2} of {3})", uri, status,
                        attempt + 1, attempts);
                continue;
            }
            throw new Unavailable("beholder answered HTTP " + status + " for " + uri, null);
        }
        throw new Unavailable("beholder did not answer " + uri + " after " + attempts + " attempt(s)", last);
    }

    /**
     * Sleeps before repetition {@code attempt} (1-based): backoff·2^(attempt-1), at most a minute (or the backoff if
     * longer), the upper half jittered.
     */
    private void pause(int attempt, URI uri, Exception cause) {
        long base = settings.backoff().toMillis();
        if (base <= 0) {
            return;
        }
        long delay = Math.min(base << Math.min(attempt - 1, MAX_BACKOFF_DOUBLINGS),
                Math.max(base, MAX_BACKOFF_MILLIS));
        long half = delay / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(delay - half + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting to call beholder again: " + uri, cause);
        }
    }
}
