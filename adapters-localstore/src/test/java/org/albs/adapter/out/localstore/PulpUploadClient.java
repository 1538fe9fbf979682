package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Speaks to the upload routes the way {@code pulpcore-client} does: JSON bodies, multipart chunks, basic auth. */
final class PulpUploadClient {
    static final String BOUNDARY = "----albs-test-boundary-7d1f";

    /** A response: status, headers and the body read as JSON (null if empty). */
    record Answer(int status, JsonNode body, HttpResponse<byte[]> raw) {
        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String authorization;

    PulpUploadClient(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    PulpUploadClient as(String user, String password) {
        return new PulpUploadClient(base, user, password);
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String uploadHref, byte[] file, int from, int to, String contentRange) {
        return join(putAsync(uploadHref, Arrays.copyOfRange(file, from, to), contentRange));
    }

    /** The bytes {@code [from, to)} of the file as one chunk, with the Content-Range the node computes. */
    Answer chunk(String uploadHref, byte[] file, int from, int to) {
        return put(uploadHref, file, from, to, "bytes " + from + "-" + (to - 1) + "/" + file.length);
    }

    CompletableFuture<Answer> chunkAsync(String uploadHref, byte[] file, int from, int to) {
        return putAsync(uploadHref, Arrays.copyOfRange(file, from, to),
                "bytes " + from + "-" + (to - 1) + "/" + file.length);
    }

    CompletableFuture<Answer> putAsync(String uploadHref, byte[] part, String contentRange) {
        HttpRequest.Builder request = request(uploadHref)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(multipart(part)));
        if (contentRange != null) {
            request.header("Content-Range", contentRange);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(this::answer);
    }

    /** A multipart/form-data body with one file part named {@code file}, as requests builds it. */
    static byte[] multipart(byte[] part) {
        byte[] head = ("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"chunk\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + part.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(part, 0, body, head.length, part.length);
        System.arraycopy(tail, 0, body, head.length + part.length, tail.length);
        return body;
    }

    String authorization() {
        return authorization;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer answer(HttpResponse<byte[]> response) {
        JsonNode body = null;
        if (response.body().length > 0) {
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + response.statusCode() + "): "
                        + new String(response.body(), StandardCharsets.UTF_8), e);
            }
        }
        return new Answer(response.statusCode(), body, response);
    }

    private static Answer join(CompletableFuture<Answer> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            throw new AssertionError("request failed", e);
        }
    }
}
