package org.albs.bootstrap.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The outside systems of the sources, for real where they can be: a Redis server of the suite's own on a free
 * port (so a test may stop it and never touches anyone else's keys), a WireMock standing in for Gitea, and the
 * machine's Mosquitto on 127.0.0.1:1883 with topics and a client id no one else uses.
 */
public class SourcesServices implements QuarkusTestResourceLifecycleManager {
    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    public static final String TOPIC_UNMODIFIED = "albs-test-" + RUN + "/gitea-webhooks-unmodified";
    public static final String TOPIC_MODIFIED = "albs-test-" + RUN + "/gitea-webhooks-modified";
    public static final String MQTT_HOST = "127.0.0.1";
    public static final int MQTT_PORT = 1883;

    private static volatile RedisProcess redis;
    private static volatile WireMockServer gitea;

    public static RedisProcess redis() {
        return redis;
    }

    public static WireMockServer gitea() {
        return gitea;
    }

    @Override
    public Map<String, String> start() {
        redis = RedisProcess.start();
        gitea = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gitea.start();
        return Map.ofEntries(
                Map.entry("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port()),
                Map.entry("quarkus.redis.timeout", "2s"),
                Map.entry("albs.sources.redis-key-prefix", "albs-test:"),
                Map.entry("albs.gitea.host", gitea.baseUrl() + "/api/v1/"),
                Map.entry("albs.gitea.orgs", "rpms,modules"),
                Map.entry("albs.gitea.timeout", "PT2S"),
                Map.entry("albs.gitea.page-size", "2"),
                // the tests run the cacher themselves
                Map.entry("albs.git-cacher.interval", "PT24H"),
                Map.entry("albs.mqtt.queue-host", MQTT_HOST),
                Map.entry("albs.mqtt.queue-port", Integer.toString(MQTT_PORT)),
                Map.entry("albs.mqtt.queue-topic-unmodified", TOPIC_UNMODIFIED),
                Map.entry("albs.mqtt.queue-topic-modified", TOPIC_MODIFIED),
                Map.entry("albs.mqtt.client-id", "albs-test-listener-" + RUN),
                Map.entry("albs.mqtt.queue-clean-session", "true"),
                Map.entry("albs.mqtt.reconnect-min", "PT0.2S"),
                Map.entry("albs.mqtt.reconnect-max", "PT1S"),
                Map.entry("albs.gitea-listener.service-user", Api.ADMIN_EMAIL),
                Map.entry("albs.gitea-listener.rules",
                        "c8*,a8*=AlmaLinux-8:x86_64|aarch64;c9*,a9*=AlmaLinux-9;rpms/special@s*=AlmaLinux-8+AlmaLinux-9:s390x;u*=NoSuchPlatform"));
    }

    @Override
    public void stop() {
        if (gitea != null) {
            gitea.stop();
        }
        if (redis != null) {
            redis.kill();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitPort(int port, boolean open) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean listening;
            try (Socket s = new Socket("127.0.0.1", port)) {
                listening = true;
            } catch (IOException e) {
                listening = false;
            }
            if (listening == open) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("port " + port + " did not " + (open ? "open" : "close"));
    }

    /** A server process of our own (redis-server or mosquitto) on a fixed port, which a test may stop and start. */
    public abstract static class OwnServer {
        private final int port;
        private Process process;

        OwnServer(int port) {
            this.port = port;
        }

        public int port() {
            return port;
        }

        abstract List<String> command(int port) throws IOException;

        public synchronized void startAgain() {
            try {
                process = new ProcessBuilder(command(port)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + getClass().getSimpleName(), e);
            }
            awaitPort(port, true);
        }

        public synchronized void kill() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
            awaitPort(port, false);
        }
    }

    public static final class RedisProcess extends OwnServer {
        private RedisProcess(int port) {
            super(port);
        }

        public static RedisProcess start() {
            RedisProcess r = new RedisProcess(freePort());
            r.startAgain();
            return r;
        }

        @Override
        List<String> command(int port) {
            return List.of("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--save", "",
                    "--appendonly", "no");
        }

        /** Runs redis-cli against this server; its output. */
        public String cli(String... args) {
            List<String> cmd = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                    Integer.toString(port())));
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                p.waitFor(10, TimeUnit.SECONDS);
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static final class MosquittoProcess extends OwnServer {
        private MosquittoProcess(int port) {
            super(port);
        }

        public static MosquittoProcess start() {
            MosquittoProcess m = new MosquittoProcess(freePort());
            m.startAgain();
            return m;
        }

        @Override
        List<String> command(int port) throws IOException {
            Path conf = Files.createTempFile("albs-mosquitto", ".conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
            return List.of("mosquitto", "-c", conf.toString());
        }
    }
}
