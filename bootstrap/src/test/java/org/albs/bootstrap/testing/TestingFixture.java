package org.albs.bootstrap.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.Queue;
import org.albs.domain.identity.UserId;
import org.albs.domain.testing.TestTaskStatus;

/**
 * What the test system's end-to-end tests share: a build that finishes with packages (over HTTP, the store jobs
 * run by the test), and a simulated ALTS that sends exactly what the real one sends (clients.md §3.2 (a)–(c)).
 */
final class TestingFixture {
    static final String PLATFORM = "AlmaLinux-8";

    final StoreJobService jobs;
    final DataSource db;
    final Node node = Node.create("tested-node");
    final Api.ServiceUser owner = Api.createServiceUser("tests-owner");
    final Api.ServiceUser alts = Api.createServiceUser("alts");

    TestingFixture(StoreJobService jobs, DataSource db) {
        this.jobs = jobs;
        this.db = db;
        Queue.retireAllOpenTasks(db);
        sql("UPDATE test_tasks SET status = " + TestTaskStatus.CANCELLED.code() + " WHERE status IN ("
                + TestTaskStatus.CREATED.code() + ", " + TestTaskStatus.STARTED.code() + ")");
    }

    void sql(String statement) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int drain() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    /** A build owned by {@link #owner} for x86_64, its src task done; returns the build's id and its x86_64 task. */
    long[] buildReadyForArch() {
        Map<String, Object> body = Node.buildBody(PLATFORM, List.of("x86_64"), true,
                "https://git.almalinux.org/rpms/" + Api.unique("tested") + ".git");
        long build = owner.request().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        drain();
        JsonPath src = node.getTask(List.of("src", "x86_64"));
        assertThat(src.getString("arch")).isEqualTo("src");
        node.report(src.getLong("id"), "done", List.of(Node.artifact("pkg-1.0-1.el8.src.rpm", "rpm", 0)))
                .then().statusCode(200);
        drain();
        JsonPath x86 = node.getTask(List.of("x86_64"));
        return new long[] {build, x86.getLong("id")};
    }

    /** A build whose x86_64 task built these packages (and a log), its imports done: {build, build task}. */
    long[] finishedBuild(String... rpms) {
        long[] ids = buildReadyForArch();
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (int i = 0; i < rpms.length; i++) {
            artifacts.add(Node.artifact(rpms[i], "rpm", i));
        }
        artifacts.add(Node.artifact("albs.x86_64.log", "build_log", rpms.length));
        node.report(ids[1], "done", artifacts).then().statusCode(200);
        drain();
        return ids;
    }

    Response poll(Api.ServiceUser who) {
        return who.request().when().get("/api/v1/tests/get_test_tasks/");
    }

    List<Map<String, Object>> poll() {
        Response r = poll(alts);
        r.then().statusCode(200).contentType(ContentType.JSON);
        return r.jsonPath().getList("$");
    }

    /** ALTS's result POST ((b)): to the callback href, with the bearer token, as JSON. */
    Response post(long testTaskId, Object body) {
        return alts.request().contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/tests/" + testTaskId + "/result/");
    }

    /** A log ALTS uploaded to the store: registered with the fake Pulp as a file artifact. */
    static Map<String, Object> log(String name) {
        String href = PulpStub.artifactHref();
        PulpStub.shared().register(href, String.format("%064x", System.nanoTime()), null);
        return Map.of("name", name, "href", href, "type", "test_log");
    }

    static Map<String, Object> result(boolean installOk, boolean testOk, List<Map<String, Object>> logs) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("skipped_tests", List.of());
        for (String stage : List.of("initialize_terraform", "start_environment", "initial_provision", "system_info")) {
            result.put(stage, Map.of("success", true));
        }
        result.put("install_package", Map.of("success", installOk));
        result.put("package_integrity_tests", Map.of("success", true));
        result.put("tests", Map.of("tests_0_check.sh", Map.of("success", testOk, "output", testOk ? "1..1\nok 1"
                : "1..1\nnot ok 1")));
        result.put("uninstall_package", Map.of("success", true));
        result.put("stop_environment", Map.of("success", true));
        result.put("logs", logs);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_version", "20210512");
        body.put("result", result);
        body.put("stats", Map.of("started_at", "2026-01-01T10:00:00.123456", "install_package",
                Map.of("start_ts", "2026-01-01T10:01:00.1", "finish_ts", "2026-01-01T10:01:30.2", "delta", 30.1)));
        return body;
    }

    /** ALTS's revoked POST during a cancellation ((c)). */
    static Map<String, Object> revoked() {
        return Map.of("api_version", "20210512", "result", Map.of("revoked", true), "stats", Map.of());
    }

    static JsonPath latest(long buildTaskId) {
        return io.restassured.RestAssured.given().when().get("/api/v1/tests/" + buildTaskId + "/latest").then()
                .statusCode(200).extract().jsonPath();
    }
}
