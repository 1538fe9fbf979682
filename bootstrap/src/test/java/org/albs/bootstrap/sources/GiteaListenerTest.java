package org.albs.bootstrap.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import org.albs.adapter.in.mqtt.MqttGiteaListener;
import org.albs.adapter.in.mqtt.MqttListenerSettings;
import org.albs.application.port.in.sources.HandleGitPushUseCase;
import org.albs.bootstrap.SourcesJobs;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.SourcesServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gitea listener against the real Mosquitto (127.0.0.1:1883, topics of this run only): tag pushes published
 * with mosquitto_pub become builds in-process, once.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@WithTestResource(SourcesServices.class)
class GiteaListenerTest {
    @Inject
    SourcesJobs jobs;
    @Inject
    HandleGitPushUseCase pushes;
    @Inject
    Vertx vertx;

    private MqttGiteaListener listener;

    @BeforeEach
    void subscribed() {
        listener = jobs.listener().orElseThrow(() -> new AssertionError("the listener is not running"));
        await("the server's listener subscribed", listener::isSubscribed);
    }

    static String push(String repo, String ref, String commit) {
        return "{\"ref\": \"" + ref + "\", \"before\": \"0000000000000000000000000000000000000000\", \"after\": \""
                + commit + "\", \"repository\": {\"id\": 7, \"name\": \"" + repo.substring(repo.indexOf('/') + 1)
                + "\", \"full_name\": \"" + repo + "\", \"clone_url\": \"https://git.example.org/" + repo
                + ".git\", \"updated_at\": \"2026-12-01T00:00:00Z\"}, \"pusher\": {\"login\": \"someone\"}}";
    }

    static String commit() {
        return UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
    }

    static void publish(int port, String topic, String payload) {
        try {
            Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "2",
                    "-t", topic, "-m", payload).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("mosquitto_pub: " + out).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void publish(String topic, String payload) {
        publish(SourcesServices.MQTT_PORT, topic, payload);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The builds of a project (the last part of its repository), newest first. */
    static JsonPath builds(String project) {
        return given().get("/api/v1/builds/?pageNumber=1&project=" + project + ".git").then().statusCode(200)
                .extract().jsonPath();
    }

    static int buildCount(String project) {
        return builds(project).getInt("total_builds");
    }

    private void awaitHandled(MqttGiteaListener l, long count) {
        await(count + " messages handled", () -> l.handled() >= count);
    }

    @Test
    void tagPushBecomesOneBuildForTheMappedPlatforms() {
        String name = Api.unique("bash");
        String sha = commit();
        long handled = listener.handled();
        publish(SourcesServices.TOPIC_UNMODIFIED, push("rpms/" + name, "refs/tags/c8-5.1-1.el8", sha));
        await("the build exists", () -> buildCount(name) == 1);
        JsonPath b = builds(name);
        assertThat(b.getLong("builds[0].owner.id")).as("owned by the service user").isEqualTo(Api.ADMIN_ID);
        assertThat(b.getList("builds[0].tasks.arch", String.class)).containsExactlyInAnyOrder("src", "x86_64",
                "aarch64");
        assertThat(b.getList("builds[0].tasks.platform.name", String.class)).containsOnly("AlmaLinux-8");
        assertThat(b.getString("builds[0].tasks[0].ref.git_ref")).isEqualTo("c8-5.1-1.el8");
        assertThat(b.getInt("builds[0].tasks[0].ref.ref_type")).isEqualTo(2);
        assertThat(b.getString("builds[0].tasks[0].ref.url")).isEqualTo("https://git.example.org/rpms/" + name
                + ".git");
        assertThat(b.getMap("builds[0].source")).containsEntry("event", "push")
                .containsEntry("repository", "rpms/" + name).containsEntry("tag", "c8-5.1-1.el8")
                .containsEntry("commit", sha);
        long id = b.getLong("builds[0].id");
        assertThat(given().get("/api/v1/builds/" + id + "/").then().statusCode(200).extract().jsonPath()
                .getString("source.tag")).isEqualTo("c8-5.1-1.el8");

        // the same event again, on the other topic too: still one build
        publish(SourcesServices.TOPIC_UNMODIFIED, push("rpms/" + name, "refs/tags/c8-5.1-1.el8", sha));
        publish(SourcesServices.TOPIC_MODIFIED, push("rpms/" + name, "refs/tags/c8-5.1-1.el8", sha));
        awaitHandled(listener, handled + 3);
        assertThat(buildCount(name)).isEqualTo(1);
    }

    @Test
    void aSecondSubscriberDoesNotDoubleTheBuild() {
        MqttGiteaListener second = new MqttGiteaListener(vertx, new MqttListenerSettings(SourcesServices.MQTT_HOST,
                SourcesServices.MQTT_PORT, List.of(SourcesServices.TOPIC_UNMODIFIED, SourcesServices.TOPIC_MODIFIED), 2,
                "albs-test-second-" + SourcesServices.RUN, Optional.empty(), Optional.empty(), true,
                Duration.ofMillis(200), Duration.ofSeconds(1)), pushes);
        second.start();
        try {
            await("the second listener subscribed", second::isSubscribed);
            String name = Api.unique("zsh");
            long mine = listener.handled();
            long theirs = second.handled();
            publish(SourcesServices.TOPIC_MODIFIED, push("rpms/" + name, "refs/tags/a9-5.9-2.el9", commit()));
            awaitHandled(listener, mine + 1);
            awaitHandled(second, theirs + 1);
            assertThat(buildCount(name)).isEqualTo(1);
            // AlmaLinux-9 with all its buildable arches (no arches in the rule)
            assertThat(builds(name).getList("builds[0].tasks.platform.name", String.class))
                    .containsOnly("AlmaLinux-9");
            assertThat(builds(name).getList("builds[0].tasks.arch", String.class)).contains("src", "x86_64")
                    .hasSizeGreaterThan(2);
        } finally {
            second.stop();
        }
    }

    /** Instances racing on the same push (each its own transaction): the database lets one build through. */
    @Test
    void concurrentDeliveriesMakeOneBuild() throws Exception {
        String name = Api.unique("racer");
        org.albs.domain.sources.GitPush push = new org.albs.domain.sources.GitPush("rpms/" + name,
                "https://git.example.org/rpms/" + name + ".git", "refs/tags/c8-1", commit());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
            List<java.util.concurrent.Future<HandleGitPushUseCase.PushOutcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return pushes.handle(push);
                }));
            }
            List<HandleGitPushUseCase.PushOutcome.Kind> kinds = new java.util.ArrayList<>();
            Long created = null;
            for (var f : outcomes) {
                HandleGitPushUseCase.PushOutcome o = f.get(30, TimeUnit.SECONDS);
                kinds.add(o.kind());
                if (o.kind() == HandleGitPushUseCase.PushOutcome.Kind.CREATED) {
                    created = o.buildId();
                }
            }
            assertThat(kinds).containsOnlyOnce(HandleGitPushUseCase.PushOutcome.Kind.CREATED)
                    .containsOnly(HandleGitPushUseCase.PushOutcome.Kind.CREATED,
                            HandleGitPushUseCase.PushOutcome.Kind.DUPLICATE);
            assertThat(buildCount(name)).isEqualTo(1);
            assertThat(pushes.handle(push)).isEqualTo(new HandleGitPushUseCase.PushOutcome(
                    HandleGitPushUseCase.PushOutcome.Kind.DUPLICATE, created, "already built: " + push));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void garbageAndUnmappedTagsMakeNoBuildAndTheListenerGoesOn() {
        String name = Api.unique("perl");
        long dropped = listener.dropped();
        long handled = listener.handled();
        publish(SourcesServices.TOPIC_UNMODIFIED, "this is not json");
        publish(SourcesServices.TOPIC_UNMODIFIED, "{\"ref\": \"refs/tags/c8-1\"}");
        publish(SourcesServices.TOPIC_UNMODIFIED, "[]");
        await("three messages dropped", () -> listener.dropped() >= dropped + 3);
        publish(SourcesServices.TOPIC_UNMODIFIED, push("rpms/" + name, "refs/tags/r10-1", commit()));
        // a deleted tag (all-zero commit) makes no build either
        publish(SourcesServices.TOPIC_UNMODIFIED, push("rpms/" + name, "refs/tags/c8-9",
                "0000000000000000000000000000000000000000"));
        // a rule naming a platform this server does not have: refused by the build's validation, not retried
        publish(SourcesServices.TOPIC_UNMODIFIED, push("rpms/" + name, "refs/tags/u1", commit()));
        long started = System.nanoTime();
        awaitHandled(listener, handled + 3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(buildCount(name)).isZero();
        // still listening
        publish(SourcesServices.TOPIC_UNMODIFIED, push("rpms/" + name, "refs/tags/c9-1", commit()));
        await("the build exists", () -> buildCount(name) == 1);
        assertThat(listener.isSubscribed()).isTrue();
    }

    @Test
    void branchPushRefreshesTheProjectIndexEntry() {
        String name = Api.unique("vim");
        String repo = "rpms/" + name;
        var gitea = SourcesServices.gitea();
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/" + repo)).willReturn(okJson("{\"name\": \"" + name
                + "\", \"full_name\": \"" + repo + "\", \"clone_url\": \"https://git.example.org/" + repo
                + ".git\", \"updated_at\": \"t5\"}")));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/" + repo + "/tags?page=1&limit=2"))
                .willReturn(okJson("[{\"name\": \"c9-1\"}]")));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/" + repo + "/branches?page=1&limit=2"))
                .willReturn(okJson("[{\"name\": \"c9\"}, {\"name\": \"c10s\"}]")));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/" + repo + "/branches?page=2&limit=2")).willReturn(okJson("[]")));
        publish(SourcesServices.TOPIC_UNMODIFIED, push(repo, "refs/heads/c10s", commit()));
        await("the index has the project", () -> Api.asAdmin().get("/api/v1/projects/alma?name=" + name).then()
                .extract().jsonPath().getList("name", String.class).contains(name));
        JsonPath p = Api.asAdmin().get("/api/v1/projects/alma?name=" + name).then().extract().jsonPath();
        assertThat(p.getList("[0].branches", String.class)).containsExactly("c9", "c10s");
        assertThat(p.getList("[0].tags", String.class)).containsExactly("c9-1");
        assertThat(buildCount(name)).isZero();
    }

    @Test
    void theListenerSurvivesABrokerRestart() {
        SourcesServices.MosquittoProcess broker = SourcesServices.MosquittoProcess.start();
        MqttGiteaListener own = new MqttGiteaListener(vertx, new MqttListenerSettings("127.0.0.1", broker.port(),
                List.of("gitea-webhooks-unmodified"), 2, "albs-test-restart-" + SourcesServices.RUN,
                Optional.empty(), Optional.empty(), true, Duration.ofMillis(200), Duration.ofSeconds(1)), pushes);
        own.start();
        try {
            await("subscribed to the own broker", own::isSubscribed);
            String before = Api.unique("restart-before");
            publish(broker.port(), "gitea-webhooks-unmodified", push("rpms/" + before, "refs/tags/c8-1", commit()));
            await("the first build exists", () -> buildCount(before) == 1);

            broker.kill();
            await("the listener noticed", () -> !own.isSubscribed());
            // the server is unaffected meanwhile
            given().get("/q/health/live").then().statusCode(200);
            broker.startAgain();
            await("subscribed again", own::isSubscribed);

            String after = Api.unique("restart-after");
            publish(broker.port(), "gitea-webhooks-unmodified", push("rpms/" + after, "refs/tags/c9-1", commit()));
            await("the build after the restart exists", () -> buildCount(after) == 1);
        } finally {
            own.stop();
            broker.kill();
        }
    }
}
