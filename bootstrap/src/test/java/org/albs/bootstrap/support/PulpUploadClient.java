package org.albs.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.albs.adapter.out.localstore.Blobs;

/**
 * Uploads files the way the build node's pulpcore-client does: look the checksum up, create an upload, PUT the
 * chunks (multipart {@code file}, {@code Content-Range}) from several threads and in shuffled order, commit with
 * the sha256, poll the task, and take the artifact href from {@code created_resources}.
 */
public final class PulpUploadClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final String authorization;
    private final int chunkSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public PulpUploadClient(String host, String user, String password, int chunkSize) {
        this.host = host;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.chunkSize = chunkSize;
    }

    /** What the node reports of an uploaded file. */
    public record Uploaded(String href, String sha256) {
    }

    public Uploaded upload(Path file) {
        try {
            String sha = Blobs.sha256Of(file);
            JsonNode found = call("GET", "/pulp/api/v3/artifacts/?sha256=" + sha, null, null, 200);
            if (found.get("count").asInt() > 0) {
                return new Uploaded(found.get("results").get(0).get("pulp_href").asText(), sha);
            }
            long size = java.nio.file.Files.size(file);
            String upload = call("POST", "/pulp/api/v3/uploads/", json("{\"size\": " + size + "}"),
                    "application/json", 201).get("pulp_href").asText();
            List<long[]> chunks = new ArrayList<>();
            for (long start = 0; start < size; start += chunkSize) {
                chunks.add(new long[] {start, Math.min(size, start + chunkSize) - 1});
            }
            Collections.shuffle(chunks);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (long[] c : chunks) {
                    sent.add(pool.submit(() -> putChunk(upload, file, c[0], c[1], size)));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            String task = call("POST", upload + "commit/", json("{\"sha256\": \"" + sha + "\"}"), "application/json",
                    202).get("task").asText();
            for (int i = 0; i < 200; i++) {
                JsonNode state = call("GET", task, null, null, 200);
                String s = state.get("state").asText();
                if (s.equals("completed")) {
                    return new Uploaded(state.get("created_resources").get(0).asText(), sha);
                }
                if (s.equals("failed") || s.equals("canceled")) {
                    throw new IllegalStateException("upload task " + s + ": " + state);
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("upload task did not end: " + task);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private Void putChunk(String upload, Path file, long start, long end, long size) throws Exception {
        byte[] bytes = new byte[(int) (end - start + 1)];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(start);
            raf.readFully(bytes);
        }
        String boundary = "chunk" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(host + upload))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT chunk " + start + "-" + end + ": " + r.statusCode() + " " + r.body());
        }
        return null;
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private JsonNode call(String method, String path, HttpRequest.BodyPublisher body, String type, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : host + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
