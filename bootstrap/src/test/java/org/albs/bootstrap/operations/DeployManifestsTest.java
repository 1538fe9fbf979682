package org.albs.bootstrap.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The files in {@code deploy/} agree with the server: they set only variables it reads, pin every image, and
 * probe only the health paths {@link DeployProbePathsTest} finds answering; compose.yaml is valid for
 * docker-compose where that is installed.
 */
class DeployManifestsTest {
    private final DeployManifests deploy = DeployManifests.ofRepository();

    @Test
    void everyVariableSetIsOneTheServerReads() throws Exception {
        Set<String> read = deploy.variablesTheServerReads();
        Map<String, String> set = deploy.variablesSet();

        assertThat(set).as("compose and k8s set the server's variables").isNotEmpty()
                .containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "JWT_SECRET", "PULP_HOST");
        Map<String, String> unknown = new TreeMap<>(set);
        unknown.keySet().removeAll(read);
        assertThat(unknown).as("variables the server does not read (name -> where it is set)").isEmpty();
    }

    @Test
    void theServerReadsItsSettingsUpstreamNamesAndTheDocumentedQuarkusOnes() throws Exception {
        assertThat(deploy.variablesTheServerReads())
                .contains("ALBS_JOBS_WORKERS", "ALBS_DISPATCH_LEASE_DURATION", "ALBS_PULP_HOST", "PULP_HOST",
                        "JWT_SECRET", "REDIS_URL", "ALBS_DB_POOL_SIZE", "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_HTTP_PORT", "ALBS_MQTT_CLIENT_ID")
                .doesNotContain("ALBS_JOBS", "POSTGRES_PASSWORD");
    }

    @Test
    void everyImageIsPinned() throws Exception {
        Map<String, String> images = deploy.images();

        assertThat(images).containsKeys("pulp/pulp:3.49.1", "albs-server:0.1.0");
        images.forEach((image, where) -> {
            String name = image.substring(image.lastIndexOf('/') + 1);
            assertThat(name).as("%s in %s has a tag", image, where).contains(":");
            String tag = name.substring(name.indexOf(':') + 1);
            assertThat(tag).as("%s in %s names a version", image, where).matches(".*\\d.*")
                    .isNotEqualToIgnoringCase("latest");
        });
    }

    @Test
    void everyProbeAsksForAHealthEndpoint() throws Exception {
        Map<String, String> paths = deploy.probePaths();

        assertThat(paths).containsKeys("/q/health/ready", "/q/health/live");
        assertThat(paths.keySet()).as("probed paths, checked against the running server by DeployProbePathsTest")
                .isSubsetOf(DeployProbePathsTest.PROBED);
    }

    @Test
    void composeInterpolatesOnlyVariablesOfTheEnvFileTemplate() throws Exception {
        String compose = Files.readString(deploy.compose());
        String template = Files.readString(deploy.deploy.resolve(".env.example"));
        Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)").matcher(compose);
        while (m.find()) {
            assertThat(template).as("%s is in deploy/.env.example", m.group(1))
                    .containsPattern("(?m)^" + m.group(1) + "=");
        }
    }

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed here");
        Process p = new ProcessBuilder("docker-compose", "-f", deploy.compose().toString(),
                "--env-file", deploy.deploy.resolve(".env.example").toString(), "config", "--quiet")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(new File(dir, command).toPath())) {
                return true;
            }
        }
        return false;
    }
}
