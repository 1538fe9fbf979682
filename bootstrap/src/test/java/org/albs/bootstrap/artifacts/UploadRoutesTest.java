package org.albs.bootstrap.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpUploadClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pulp upload routes inside the real server: chunks of 8 MiB (the node's size, twice the server's 4 MiB body
 * limit) stream through, in parallel and out of order, while every other route keeps the limit.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class UploadRoutesTest {
    private static final int NODE_CHUNK = 8 << 20;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_file_of_several_8_mib_chunks_uploads_in_parallel_through_the_server() throws IOException {
        byte[] bytes = new byte[20 * 1024 * 1024 + 12345];
        new Random(14).nextBytes(bytes);
        Path file = work.resolve("big.rpm");
        Files.write(file, bytes);

        PulpUploadClient.Uploaded uploaded = new PulpUploadClient(LocalStoreProfile.baseUrl(),
                LocalStoreProfile.STORE_USER, LocalStoreProfile.STORE_PASSWORD, NODE_CHUNK).upload(file);

        assertThat(uploaded.href()).matches("/pulp/api/v3/artifacts/[0-9a-f-]{36}/");
        Blobs.Blob blob = new Blobs(LocalStoreProfile.DIR).findByArtifactHref(uploaded.href()).orElseThrow();
        assertThat(blob.sha256()).isEqualTo(Blobs.sha256Of(file));
        assertThat(Files.mismatch(blob.file(), file)).isEqualTo(-1);
    }

    @Test
    void the_upload_routes_want_the_store_credentials() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create(LocalStoreProfile.baseUrl() + "/pulp/api/v3/uploads/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"size\": 5}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(
                URI.create(LocalStoreProfile.baseUrl() + "/pulp/api/v3/uploads/"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (LocalStoreProfile.STORE_USER + ":nope").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"size\": 5}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"detail\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void other_routes_keep_the_servers_body_limit() throws Exception {
        // only the head: the limit answers on the announced length, before any of the body is read
        try (Socket socket = new Socket("localhost", LocalStoreProfile.PORT)) {
            socket.getOutputStream().write(("POST /api/v1/builds/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (5 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }
}
