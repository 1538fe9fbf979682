package org.albs.adapter.out.alts;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.albs.application.port.out.TestSystem;
import org.albs.application.port.out.TestSystemException;

/**
 * {@link TestSystem} on the ALTS scheduler's REST API (clients.md §3.3), with the JDK {@link HttpClient} and a
 * Jackson tree (no reflection, nothing to register for a native image):
 * {@code POST {host}/cancel_tasks {"bs_task_ids": [...]}} with {@code Authorization: Bearer {token}}; ALTS answers
 * {@code {"success": true}}. 5xx, 429, connection errors and timeouts are retried with jittered exponential
 * back-off and then reported as transient; other 4xx answers and {@code "success": false} are refusals.
 */
public final class AltsTestSystem implements TestSystem {
    private static final System.Logger LOG = System.getLogger(AltsTestSystem.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final AltsSettings settings;
    private final HttpClient http;

    public AltsTestSystem(AltsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void cancel(List<Long> testTaskIds) {
        ObjectNode body = JSON.createObjectNode();
        testTaskIds.forEach(body.putArray("bs_task_ids")::add);
        URI uri = URI.create(settings.host() + "/cancel_tasks");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + settings.token())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        int attempts = settings.retries() + 1;
        String last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("WWW-Authenticate header missing")) {
                    // the JDK client's way of saying 401 without a challenge: ALTS refused the token
                    throw new TestSystemException("ALTS answered HTTP 401 to " + uri + ": check ALTS_TOKEN", false, e);
                }
                last = e.toString();
                LOG.log(Level.WARNING, "ALTS call {0} failed (attempt {1} of {2}): {3}", uri, attempt + 1, attempts,
                        last);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestSystemException("interrupted while calling ALTS " + uri, true, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                JsonNode answer = read(response.body());
                if (answer != null && answer.path("success").isBoolean() && !answer.path("success").asBoolean()) {
                    throw new TestSystemException("ALTS refused to cancel tests " + testTaskIds + ": "
                            + answer, false);
                }
                LOG.log(Level.INFO, "ALTS cancelled tests {0}: {1}", testTaskIds, answer);
                return;
            }
            if (status >= 500 || status == 429) {
                last = "HTTP " + status;
                LOG.log(Level.WARNING, "ALTS call {0} answered HTTP {1} (attempt {2} of {3})", uri, status,
                        attempt + 1, attempts);
                continue;
            }
            throw new TestSystemException("ALTS answered HTTP " + status + " to " + uri + ": "
                    + new String(response.body(), StandardCharsets.UTF_8), false);
        }
        throw new TestSystemException("ALTS did not answer " + uri + " after " + attempts + " attempt(s): " + last,
                true);
    }

    private static JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Sleeps before repetition {@code attempt} (1-based): backoff·2^(attempt-1), at most a minute, jittered. */
    private void pause(int attempt) {
        long base = settings.backoff().toMillis();
        long delay = Math.min(MAX_BACKOFF_MILLIS, base << Math.min(16, attempt - 1));
        long jittered = delay <= 0 ? 0 : delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestSystemException("interrupted while waiting to call ALTS again", true, e);
        }
    }
}
