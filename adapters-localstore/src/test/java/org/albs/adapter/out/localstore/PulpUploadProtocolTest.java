package org.albs.adapter.out.localstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.albs.adapter.out.localstore.PulpUploadClient.Answer;
import org.albs.application.fakes.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PulpUploadProtocolTest {
    private static final String USER = "pulp";
    private static final String PASSWORD = "s3cret-upload";
    private static final String UPLOADS = "/pulp/api/v3/uploads/";
    private static final String ARTIFACTS = "/pulp/api/v3/artifacts/";

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private Vertx vertx;
    private HttpServer server;
    private PulpUploadProtocol protocol;
    private Blobs blobs;
    private PulpUploadClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        startServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A server over the store at {@code root}: a second call is a restart of the server on the same directory. */
    private void startServer() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        blobs = new Blobs(root);
        protocol = new PulpUploadProtocol(vertx, blobs,
                new UploadSettings(USER, PASSWORD, 4L << 30, Duration.ofHours(6)), clock);
        Router router = Router.router(vertx);
        protocol.mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client = new PulpUploadClient("http://127.0.0.1:" + server.actualPort(), USER, PASSWORD);
    }

    private static byte[] file(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(Blobs.newDigest().digest(bytes));
    }

    private String create(long size) {
        Answer created = client.postJson(UPLOADS, "{\"size\": " + size + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("pulp_href").asText();
    }

    private Answer commit(String upload, String sha256) {
        return client.postJson(upload + "commit/", "{\"sha256\": \"" + sha256 + "\"}");
    }

    private JsonNode commitAndPoll(String upload, String sha256) {
        Answer committed = commit(upload, sha256);
        assertThat(committed.status()).as(committed.text()).isEqualTo(202);
        Answer task = client.get(committed.body().get("task").asText());
        assertThat(task.status()).as(task.text()).isEqualTo(200);
        return task.body();
    }

    /** Chunks of {@code chunk} bytes, sent four at a time in shuffled order, as parallel node threads could. */
    private void sendInParallelOutOfOrder(String upload, byte[] file, int chunk, long seed) {
        List<int[]> ranges = new ArrayList<>();
        for (int at = 0; at < file.length; at += chunk) {
            ranges.add(new int[] {at, Math.min(file.length, at + chunk)});
        }
        Collections.shuffle(ranges, new Random(seed));
        for (int i = 0; i < ranges.size(); i += 4) {
            List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
            for (int[] r : ranges.subList(i, Math.min(ranges.size(), i + 4))) {
                inFlight.add(client.chunkAsync(upload, file, r[0], r[1]));
            }
            for (CompletableFuture<Answer> answer : inFlight) {
                Answer a = answer.join();
                assertThat(a.status()).as(a.text()).isEqualTo(200);
                assertThat(a.body().get("size").asLong()).isEqualTo(file.length);
            }
        }
    }

    private long filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void the_node_flow_lookup_create_parallel_chunks_commit_poll_then_lookup_finds_the_artifact() throws IOException {
        byte[] file = file(1_300_001, 1);
        String sha = sha256(file);

        Answer none = client.get(ARTIFACTS + "?sha256=" + sha);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().get("count").asInt()).isZero();
        assertThat(none.body().get("results")).isEmpty();
        assertThat(none.body().has("next")).isTrue();
        assertThat(none.body().has("previous")).isTrue();

        Answer created = client.postJson(UPLOADS, "{\"size\": " + file.length + "}");
        assertThat(created.status()).isEqualTo(201);
        String upload = created.body().get("pulp_href").asText();
        assertThat(upload).matches("/pulp/api/v3/uploads/[0-9a-f-]{36}/");
        assertThat(created.body().get("size").asLong()).isEqualTo(file.length);
        assertThat(created.body().get("completed").isNull()).isTrue();
        assertThat(created.body().get("pulp_created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        sendInParallelOutOfOrder(upload, file, 100_003, 7);

        Answer detail = client.get(upload);
        assertThat(detail.body().get("chunks")).hasSize(1);
        assertThat(detail.body().get("chunks").get(0).get("size").asLong()).isEqualTo(file.length);

        Answer committed = commit(upload, sha);
        assertThat(committed.status()).as(committed.text()).isEqualTo(202);
        String taskHref = committed.body().get("task").asText();
        assertThat(taskHref).matches("/pulp/api/v3/tasks/[0-9a-f-]{36}/");
        JsonNode task = client.get(taskHref).body();
        assertThat(task.get("state").asText()).isEqualTo("completed");
        assertThat(task.get("name").asText()).isNotEmpty();
        assertThat(task.get("logging_cid").asText()).isNotEmpty();
        assertThat(task.get("pulp_href").asText()).isEqualTo(taskHref);
        assertThat(task.get("error").isNull()).isTrue();
        String artifact = task.get("created_resources").get(0).asText();
        assertThat(artifact).isEqualTo(blobs.find(sha).orElseThrow().artifactHref());

        Answer found = client.get(ARTIFACTS + "?sha256=" + sha);
        assertThat(found.body().get("count").asInt()).isEqualTo(1);
        assertThat(found.body().get("results").get(0).get("pulp_href").asText()).isEqualTo(artifact);

        JsonNode read = client.get(artifact).body();
        assertThat(read.get("sha256").asText()).isEqualTo(sha);
        assertThat(read.get("size").asLong()).isEqualTo(file.length);
        assertThat(read.get("file").asText()).isNotEmpty();
        assertThat(Files.readAllBytes(blobs.find(sha).orElseThrow().file())).isEqualTo(file);
        assertThat(filesUnder(root.resolve("staging").resolve("uploads")))
                .as("only the committed upload's small record stays").isEqualTo(1);
    }

    @Test
    void a_second_upload_of_the_same_bytes_gives_the_same_artifact_and_one_blob() throws IOException {
        byte[] file = file(7_000_000, 2);
        String sha = sha256(file);
        String first = create(file.length);
        assertThat(client.chunk(first, file, 0, file.length).status()).isEqualTo(200);
        JsonNode one = commitAndPoll(first, sha);

        String second = create(file.length);
        sendInParallelOutOfOrder(second, file, 3_000_000, 3); // chunks of several write blocks
        JsonNode two = commitAndPoll(second, sha);

        assertThat(two.get("state").asText()).isEqualTo("completed");
        assertThat(two.get("created_resources").get(0).asText()).isEqualTo(one.get("created_resources").get(0).asText());
        assertThat(filesUnder(root.resolve("blobs"))).isEqualTo(1);
    }

    @Test
    void a_wrong_checksum_fails_the_task_in_pulps_shape_and_keeps_nothing() throws IOException {
        byte[] file = file(200_000, 3);
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
        String upload = create(file.length);
        sendInParallelOutOfOrder(upload, file, 50_000, 4);

        JsonNode task = commitAndPoll(upload, wrong);

        assertThat(task.get("state").asText()).isEqualTo("failed");
        assertThat(task.get("error").get("description").asText()).contains("sha256").contains(sha256(file));
        assertThat(task.get("error").has("traceback")).isTrue();
        assertThat(task.get("created_resources")).isEmpty();
        assertThat(blobs.find(sha256(file))).isEmpty();
        assertThat(blobs.find(wrong)).isEmpty();
        assertThat(filesUnder(root.resolve("blobs"))).isZero();
        try (Stream<Path> files = Files.list(root.resolve("staging").resolve("uploads"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void chunks_outside_the_upload_or_not_matching_their_range_are_refused_and_leave_the_upload_usable() {
        byte[] file = file(10_000, 5);
        String upload = create(file.length);

        Answer beyond = client.put(upload, file, 9_000, 10_000, "bytes 9500-10499/10000");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body().get("detail").asText()).contains("greater than upload size");

        Answer shortPart = client.put(upload, file, 0, 500, "bytes 0-999/10000");
        assertThat(shortPart.status()).isEqualTo(400);
        assertThat(shortPart.body().get("detail").asText()).contains("does not match content range");

        Answer longPart = client.put(upload, file, 0, 1500, "bytes 0-999/10000");
        assertThat(longPart.status()).isEqualTo(400);
        assertThat(longPart.body().get("detail").asText()).contains("does not match content range");

        assertThat(client.put(upload, file, 0, 1000, "bytes=0-999").status()).isEqualTo(400);
        assertThat(client.put(upload, file, 0, 1000, null).body().get("detail").asText())
                .contains("content range");
        assertThat(client.put(upload, file, 0, 1000, "bytes 0-999/12345").status()).isEqualTo(400);
        assertThat(client.put(UPLOADS + "00000000-0000-0000-0000-000000000000/", file, 0, 1000,
                "bytes 0-999/10000").status()).isEqualTo(404);
        assertThat(client.get(upload).body().get("chunks")).as("nothing recorded").isEmpty();

        assertThat(client.chunk(upload, file, 0, file.length).status()).isEqualTo(200);
        assertThat(commitAndPoll(upload, sha256(file)).get("state").asText()).isEqualTo("completed");
    }

    @Test
    void an_announced_size_above_the_limit_is_413_and_a_bad_size_is_400() {
        Answer huge = client.postJson(UPLOADS, "{\"size\": " + (5L << 30) + "}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body().get("detail").asText()).contains(Long.toString(5L << 30));

        assertThat(client.postJson(UPLOADS, "{\"size\": 0}").status()).isEqualTo(400);
        assertThat(client.postJson(UPLOADS, "{\"size\": -5}").status()).isEqualTo(400);
        assertThat(client.postJson(UPLOADS, "{\"size\": \"many\"}").status()).isEqualTo(400);
        assertThat(client.postJson(UPLOADS, "{}").status()).isEqualTo(400);
        assertThat(client.postJson(UPLOADS, "{\"size\": ").body().get("detail").asText()).contains("JSON");
    }

    @Test
    void a_commit_before_every_byte_arrived_is_400_naming_the_missing_bytes() {
        byte[] file = file(3_000, 6);
        String upload = create(file.length);
        assertThat(client.chunk(upload, file, 1_000, 2_000).status()).isEqualTo(200);

        Answer early = commit(upload, sha256(file));

        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body().get("detail").asText()).contains("0-999").contains("2000-2999");
        assertThat(client.chunk(upload, file, 0, 1_000).status()).isEqualTo(200);
        assertThat(client.chunk(upload, file, 2_000, 3_000).status()).isEqualTo(200);
        assertThat(commitAndPoll(upload, sha256(file)).get("state").asText()).isEqualTo("completed");
    }

    @Test
    void a_second_commit_answers_the_same_task_for_the_same_checksum_and_409_otherwise() {
        byte[] file = file(5_000, 7);
        String upload = create(file.length);
        client.chunk(upload, file, 0, file.length);
        Answer first = commit(upload, sha256(file));

        Answer again = commit(upload, sha256(file));
        Answer other = commit(upload, sha256(new byte[] {1}));
        Answer lateChunk = client.chunk(upload, file, 0, 10);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("task")).isEqualTo(first.body().get("task"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(lateChunk.status()).isEqualTo(409);
        assertThat(lateChunk.body().get("detail").asText()).contains("committed");
        assertThat(client.get(upload).body().get("completed").isNull()).isFalse();
    }

    @Test
    void an_overlapping_chunk_with_the_same_bytes_is_accepted_and_with_other_bytes_refused() {
        byte[] file = file(4_000, 8);
        String upload = create(file.length);
        assertThat(client.chunk(upload, file, 0, 2_000).status()).isEqualTo(200);

        Answer same = client.chunk(upload, file, 1_000, 3_000);
        byte[] forged = file.clone();
        forged[1_500] ^= 0x55;
        Answer different = client.chunk(upload, forged, 500, 2_500);

        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.body().get("detail").asText()).contains("differ");
        assertThat(client.chunk(upload, file, 3_000, 4_000).status()).isEqualTo(200);
        assertThat(commitAndPoll(upload, sha256(file)).get("state").asText())
                .as("the bytes received first are the ones kept").isEqualTo("completed");
    }

    /** Sends the head of a PUT of the whole file as one chunk over a raw socket; the body is the caller's. */
    private OutputStream startWholeFileChunk(Socket socket, String upload, int size, int bodyLength)
            throws IOException {
        return startWholeFileChunk(socket, upload, size, bodyLength, "X-Test: plain", client.authorization());
    }

    private OutputStream startWholeFileChunk(Socket socket, String upload, int size, int bodyLength, String header,
                                             String authorization) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("PUT " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + PulpUploadClient.BOUNDARY + "\r\n"
                + "Content-Range: bytes 0-" + (size - 1) + "/" + size + "\r\n"
                + "Content-Length: " + bodyLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    @Test
    void a_client_that_disconnects_mid_chunk_leaves_nothing_recorded_and_its_retry_works() throws Exception {
        byte[] file = file(2_000_000, 9);
        String upload = create(file.length);
        byte[] body = PulpUploadClient.multipart(file);
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            OutputStream out = startWholeFileChunk(socket, upload, file.length, body.length);
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(200);
        }

        Answer retry = null;
        for (int i = 0; i < 50; i++) {
            retry = client.chunk(upload, file, 0, file.length);
            if (retry.status() != 409) {
                break;
            }
            Thread.sleep(100); // the server may not have seen the broken connection yet
        }

        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(commitAndPoll(upload, sha256(file)).get("state").asText()).isEqualTo("completed");
    }

    @Test
    void a_chunk_already_being_received_for_the_same_bytes_is_409() throws Exception {
        byte[] file = file(1_000_000, 10);
        String upload = create(file.length);
        byte[] body = PulpUploadClient.multipart(file);
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            OutputStream out = startWholeFileChunk(socket, upload, file.length, body.length);
            out.write(body, 0, 1000);
            out.flush();
            Thread.sleep(300);

            Answer parallel = client.chunk(upload, file, 0, 1000);
            assertThat(parallel.status()).isEqualTo(409);

            out.write(body, 1000, body.length - 1000);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
        }
    }

    @Test
    void only_the_configured_user_and_password_are_accepted() {
        Answer none = client.as(null, null).get(ARTIFACTS + "?sha256=" + "0".repeat(64));
        Answer wrong = client.as(USER, "guess").get(ARTIFACTS + "?sha256=" + "0".repeat(64));
        Answer otherUser = client.as("admin", PASSWORD).postJson(UPLOADS, "{\"size\": 5}");
        Answer bearer = client.as(null, null).get(UPLOADS + "00000000-0000-0000-0000-000000000000/");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("detail").asText()).isNotEmpty();
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(otherUser.status()).isEqualTo(401);
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(client.get(ARTIFACTS + "?sha256=" + "0".repeat(64)).status()).isEqualTo(200);
    }

    @Test
    void uploads_untouched_for_longer_than_the_limit_are_removed() throws IOException {
        byte[] file = file(1_000, 11);
        String old = create(file.length);
        client.chunk(old, file, 0, 500);
        clock.advance(Duration.ofHours(5));
        String recent = create(file.length);
        clock.advance(Duration.ofHours(2));

        int removed = protocol.removeAbandoned();

        assertThat(removed).isEqualTo(1);
        assertThat(client.get(old).status()).isEqualTo(404);
        assertThat(client.get(recent).status()).isEqualTo(200);
        try (Stream<Path> files = Files.list(root.resolve("staging").resolve("uploads"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.startsWith(recent.split("/")[5]));
        }
    }

    @Test
    void a_restart_keeps_a_half_done_upload_and_a_finished_task() throws Exception {
        byte[] done = file(70_000, 12);
        String finished = create(done.length);
        client.chunk(finished, done, 0, done.length);
        String taskHref = commit(finished, sha256(done)).body().get("task").asText();
        byte[] file = file(600_000, 13);
        String half = create(file.length);
        assertThat(client.chunk(half, file, 200_000, 400_000).status()).isEqualTo(200);
        assertThat(client.chunk(half, file, 0, 100_000).status()).isEqualTo(200);

        startServer();

        JsonNode task = client.get(taskHref).body();
        assertThat(task.get("state").asText()).isEqualTo("completed");
        assertThat(task.get("created_resources").get(0).asText())
                .isEqualTo(blobs.find(sha256(done)).orElseThrow().artifactHref());
        assertThat(client.get(half).body().get("chunks")).hasSize(2);
        assertThat(commit(half, sha256(file)).status()).as("still incomplete").isEqualTo(400);
        assertThat(client.chunk(half, file, 100_000, 200_000).status()).isEqualTo(200);
        assertThat(client.chunk(half, file, 400_000, 600_000).status()).isEqualTo(200);
        assertThat(commitAndPoll(half, sha256(file)).get("state").asText()).isEqualTo("completed");
        assertThat(Files.readAllBytes(blobs.find(sha256(file)).orElseThrow().file())).isEqualTo(file);
    }

    @Test
    void a_deleted_upload_is_gone() {
        String upload = create(10);
        assertThat(client.delete(upload).status()).isEqualTo(204);
        assertThat(client.get(upload).status()).isEqualTo(404);
        assertThat(client.get(upload).body().get("detail").asText()).isEqualTo("Not found.");
        assertThat(client.get("/pulp/api/v3/tasks/00000000-0000-0000-0000-000000000000/").status()).isEqualTo(404);
        assertThat(client.get(ARTIFACTS + "00000000-0000-0000-0000-000000000000/").status()).isEqualTo(404);
    }

    @Test
    void a_full_disk_is_507_with_a_json_body_and_records_nothing() throws IOException {
        byte[] file = file(600_000, 14);
        String upload = create(file.length);
        Path part = root.resolve("staging").resolve("uploads").resolve(upload.split("/")[5] + ".part");
        Files.delete(part);
        Files.createSymbolicLink(part, Path.of("/dev/full")); // every write: ENOSPC

        Answer full = client.chunk(upload, file, 0, 300_000);

        assertThat(full.status()).isEqualTo(507);
        assertThat(full.body().get("detail").asText()).contains("full");
        assertThat(client.get(upload).body().get("chunks")).isEmpty();
        assertThat(commit(upload, sha256(file)).status()).isEqualTo(400);
        assertThat(filesUnder(root.resolve("blobs"))).isZero();
    }

    /** Reads one response head off a raw connection; gives its status line. */
    private static String statusLine(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString().split("\r\n", 2)[0];
    }

    @Test
    void a_client_that_expects_100_continue_is_told_to_send_or_refused_before_it_sends() throws Exception {
        byte[] file = file(50_000, 15);
        String upload = create(file.length);
        byte[] body = PulpUploadClient.multipart(file);
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            OutputStream out = startWholeFileChunk(socket, upload, file.length, body.length, "Expect: 100-continue",
                    client.authorization());
            InputStream in = socket.getInputStream();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 100");
            out.write(body);
            out.flush();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 200");
        }
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            startWholeFileChunk(socket, upload, file.length, body.length, "Expect: 100-continue", "Basic Zm9vOmJhcg==");
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 401");
        }
    }
}
