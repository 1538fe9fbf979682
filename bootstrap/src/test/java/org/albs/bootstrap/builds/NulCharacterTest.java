package org.albs.bootstrap.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The NUL character (U+0000) cannot be stored by PostgreSQL, in text or in jsonb. Wherever a request carries
 * it, the answer is a 422 naming the problem (and the field, where it is a typed one), never a 500, and nothing of
 * the request is written.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class NulCharacterTest extends EmptyQueueTest {
    private static final String NUL = "\u0000";

    @Test
    void aStringFieldOfABuildIsRefusedByName() {
        long builds = count("SELECT count(*) FROM builds");
        Map<String, Object> body = Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/nul.git");
        @SuppressWarnings("unchecked")
        Map<String, Object> task = ((List<Map<String, Object>>) body.get("tasks")).get(0);
        task.put("git_ref", "c8" + NUL);
        Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "tasks", 0, "git_ref")))
                .body("detail[0].msg", containsString("NUL character"));
        assertThat(count("SELECT count(*) FROM builds")).isEqualTo(builds);
    }

    /**
     * Free-form JSON (mock options): a value is refused like any string (the location names the object that holds
     * it: Jackson's untyped maps do not add their keys to the path); a key is left to the database,
     * whose refusal (jsonb cannot hold the character) is a 422 too, with the transaction rolled back.
     */
    @Test
    void freeFormJsonOfABuildIsRefusedAndNothingIsWritten() {
        long builds = count("SELECT count(*) FROM builds");
        long tasks = count("SELECT count(*) FROM build_tasks");
        Map<String, Object> body = Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/nul-mock.git");
        body.put("mock_options", Map.of("definitions", Map.of("dist", ".el8" + NUL)));
        Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "mock_options", "definitions")));
        body.put("mock_options", Map.of("definitions", Map.of("dist" + NUL, ".el8")));
        Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(422)
                .body("detail[0].msg", containsString("The database refused a value of the request"));
        assertThat(count("SELECT count(*) FROM builds")).isEqualTo(builds);
        assertThat(count("SELECT count(*) FROM build_tasks")).isEqualTo(tasks);
    }

    @Test
    void aQueryFilterIsRefusedByName() {
        for (String name : List.of("ref", "project", "build_task_arch")) {
            Api.asAdmin().queryParam("pageNumber", 1).queryParam(name, "x86" + NUL)
                    .when().get("/api/v1/builds/")
                    .then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", name)));
        }
    }

    /** The node's report is stored whole or not at all: after a 422 the task is still the node's to report. */
    @Test
    void aReportWithNulInItsStatisticsChangesNothing() {
        Node node = Node.create("nul-node");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/nul-report.git")).getLong("id");
        long id = node.getTask(Node.X86_WITH_SRC).getLong("id");

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("task_id", id);
        report.put("status", "done");
        report.put("artifacts", Node.artifacts("nul-report-1-1.el8.src.rpm"));
        report.put("stats", Map.of("build_node_task", Map.of("start_ts", "2026-01-01 10:00:00", "delta", NUL)));
        node.account.request().contentType(ContentType.JSON).body(report)
                .when().post("/api/v1/build_node/build_done")
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "stats", "build_node_task")));
        // a key of the statistics gets as far as the report's write, held back until the COMMIT: the database
        // refuses it there and the whole transaction is rolled back
        report.put("stats", Map.of("build_node_task" + NUL, Map.of("start_ts", "2026-01-01 10:00:00")));
        node.account.request().contentType(ContentType.JSON).body(report)
                .when().post("/api/v1/build_node/build_done")
                .then().statusCode(422)
                .body("detail[0].msg", containsString("The database refused a value of the request"));
        assertThat(Node.getBuild(build).getInt("tasks[0].status")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM build_artifacts WHERE build_task_id = " + id)).isZero();
        assertThat(count("SELECT count(*) FROM store_jobs WHERE build_task_id = " + id)).isZero();

        Map<String, Object> artifact = Node.artifact("nul-report-1-1.el8.src.rpm", "rpm", 0);
        artifact.put("name", "nul" + NUL + ".rpm");
        report.put("stats", null);
        report.put("artifacts", List.of(artifact));
        node.account.request().contentType(ContentType.JSON).body(report)
                .when().post("/api/v1/build_node/build_done")
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "artifacts", 0, "name")));

        node.buildDone(id, "done", Node.artifacts("nul-report-1-1.el8.src.rpm")).then().statusCode(200);
        assertThat(Node.getBuild(build).getInt("tasks[0].status")).isEqualTo(2);
    }
}
