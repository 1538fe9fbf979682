package org.albs.bootstrap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The embedded artifact store instead of the fake Pulp: a data directory of its own, the server on a fixed free port
 * (the repository URLs handed to nodes carry it), and known upload credentials.
 */
public class LocalStoreProfile implements QuarkusTestProfile {
    public static final String STORE_USER = "pulp";
    public static final String STORE_PASSWORD = "test-store-password";
    public static final int PORT = freePort();
    public static final Path DIR = tempDir();

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("albs-localstore-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String baseUrl() {
        return "http://localhost:" + PORT;
    }

    /** A client of the server's Pulp upload routes, as a build or sign node uploads (chunks of 1500 bytes). */
    public static PulpUploadClient uploads() {
        return new PulpUploadClient(baseUrl(), STORE_USER, STORE_PASSWORD, 1500);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("albs.artifact-store", "local", "albs.store.dir", DIR.toString(),
                "albs.store.public-url", baseUrl(), "quarkus.http.test-port", Integer.toString(PORT),
                "albs.store.user", STORE_USER, "albs.store.password", STORE_PASSWORD);
    }
}
