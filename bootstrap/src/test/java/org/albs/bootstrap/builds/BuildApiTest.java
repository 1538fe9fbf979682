package org.albs.bootstrap.builds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Queue;
import org.junit.jupiter.api.Test;

/** POST/GET builds, restart, cancel, delete: shapes, permissions and the bad-input matrix. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class BuildApiTest extends EmptyQueueTest {

    @Test
    void createdBuildHasUpstreamFieldsAndTasksInPlanOrder() {
        Map<String, Object> body = Node.buildBody("AlmaLinux-8", List.of("x86_64", "i686"), false,
                "https://git.almalinux.org/rpms/a.git", "https://git.almalinux.org/rpms/b.git");
        body.put("mock_options", Map.of("with", List.of("tests")));
        JsonPath b = Node.createBuild(Api.adminToken(), body);
        assertThat(b.getMap("")).containsKeys("id", "created_at", "finished_at", "tasks", "owner", "sign_tasks",
                "linked_builds", "mock_options", "platform_flavors", "release_id", "released", "cancel_testing",
                "products");
        assertThat(b.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
        assertThat(b.getString("owner.username")).isEqualTo("admin");
        assertThat(b.getMap("owner")).as("the feed is public: no e-mail in it").containsEntry("email", null);
        assertThat(b.getList("tasks.arch", String.class)).containsExactly("src", "src", "i686", "i686", "x86_64", "x86_64");
        assertThat(b.getList("tasks.index", Integer.class)).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(b.getList("tasks.status", Integer.class)).containsOnly(0);
        List<Long> ids = b.getList("tasks.id", Long.class);
        assertThat(ids).isSorted();
        Map<String, Object> task = b.getMap("tasks[0]");
        assertThat(task).containsKeys("id", "ts", "started_at", "finished_at", "status", "index", "arch", "platform",
                "ref", "rpm_modules", "artifacts", "is_cas_authenticated", "alma_commit_cas_hash", "mock_options",
                "is_secure_boot", "test_tasks", "error", "performance_stats");
        assertThat(b.getMap("tasks[0].platform")).containsKeys("id", "type", "name", "arch_list");
        assertThat(b.getMap("tasks[0].ref")).containsEntry("ref_type", 1).containsEntry("git_ref", "c8");
        assertThat(b.getMap("mock_options")).containsKey("with");
    }

    @Test
    void seedShapeWithoutExtrasIsAccepted() {
        JsonPath b = Node.createBuild(Api.adminToken(), Map.of(
                "platforms", List.of(Map.of("name", "AlmaLinux-9", "arch_list", List.of("aarch64"))),
                "tasks", List.of(Map.of("url", "https://git.almalinux.org/rpms/seed.git"))));
        assertThat(b.getList("tasks.arch", String.class)).containsExactly("src", "aarch64");
        assertThat(b.getString("tasks[0].ref.git_ref")).isNull();
    }

    @Test
    void listIsAPageOfTenNewestFirstWithFilters() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        long first = Node.createBuild(alice.token(), Node.buildBody("AlmaLinux-8", List.of("ppc64le"), false,
                "https://git.almalinux.org/rpms/filterproject.git")).getLong("id");
        long second = Node.createBuild(alice.token(), Node.buildBody("AlmaLinux-9", List.of("s390x"), false,
                "https://git.almalinux.org/rpms/other.git")).getLong("id");
        JsonPath page = given().when().get("/api/v1/builds/?pageNumber=1&created_by=" + alice.id())
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("builds.id", Long.class)).containsExactly(second, first);
        assertThat(page.getLong("total_builds")).isEqualTo(2);
        assertThat(page.getInt("current_page")).isEqualTo(1);
        assertThat(page.getList("builds[0].tasks[0].history")).isNull();
        assertThat(ids("project=filterproject")).containsExactly(first);
        assertThat(ids("ref=other.git&created_by=" + alice.id())).containsExactly(second);
        assertThat(ids("build_task_arch=s390x&created_by=" + alice.id())).containsExactly(second);
        long el9 = given().get("/api/v1/platforms/").jsonPath().getLong("find { it.name == 'AlmaLinux-9' }.id");
        assertThat(ids("platform_id=" + el9 + "&created_by=" + alice.id())).containsExactly(second);
        assertThat(ids("is_running=true&created_by=" + alice.id())).containsExactly(second, first);
        assertThat(ids("is_running=false&created_by=" + alice.id())).isEmpty();
        Queue.retireAllOpenTasks(db);
        assertThat(ids("is_running=false&created_by=" + alice.id())).containsExactly(second, first);
        assertThat(ids("is_running=true&created_by=" + alice.id())).isEmpty();
        given().when().get("/api/v1/builds/?pageNumber=2&created_by=" + alice.id()).then().statusCode(200)
                .body("builds.size()", equalTo(0)).body("total_builds", equalTo(2)).body("current_page", equalTo(2));
    }

    private static List<Long> ids(String query) {
        return given().when().get("/api/v1/builds/?pageNumber=1&" + query).then().statusCode(200)
                .extract().jsonPath().getList("builds.id", Long.class);
    }

    @Test
    void pageNumberAndFiltersAreValidated() {
        given().get("/api/v1/builds/").then().statusCode(422).body("detail[0].loc", equalTo(List.of("query", "pageNumber")));
        given().get("/api/v1/builds/?pageNumber=0").then().statusCode(422).body("detail[0].loc[1]", equalTo("pageNumber"));
        given().get("/api/v1/builds/?pageNumber=abc").then().statusCode(422).body("detail[0].type", equalTo("int_parsing"));
        given().get("/api/v1/builds/?pageNumber=99999999999").then().statusCode(422);
        given().get("/api/v1/builds/?pageNumber=1&created_by=x").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("created_by"));
        given().get("/api/v1/builds/?pageNumber=1&is_running=maybe").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("is_running"));
    }

    @Test
    void getOneAndItsErrors() {
        long id = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/one.git")).getLong("id");
        given().get("/api/v1/builds/{id}/", id).then().statusCode(200).body("id", equalTo((int) id))
                .body("tasks[0].history.size()", equalTo(0));
        given().get("/api/v1/builds/987654321/").then().statusCode(404)
                .body("detail", equalTo("Build with build_id=987654321 is not found"));
        given().get("/api/v1/builds/abc/").then().statusCode(422).body("detail[0].loc", equalTo(List.of("path", "build_id")));
        given().get("/api/v1/builds/-3/").then().statusCode(422);
        given().get("/api/v1/builds/99999999999999999999/").then().statusCode(422);
    }

    @Test
    void badCreateRequestsAre422AndCreateNothing() {
        long before = count("SELECT count(*) FROM builds");
        String url = "https://git.almalinux.org/rpms/x.git";
        Object[][] cases = {
                {Map.of("tasks", List.of(Map.of("url", url))), "platforms"},
                {Map.of("platforms", List.of(), "tasks", List.of(Map.of("url", url))), "platforms"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64")))), "tasks"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of()), "tasks"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("git_ref", "c8"))), "url"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("url", "not a url"))), "url"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("url", url, "ref_type", 9))), "ref_type"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("url", url, "ref_type", "git_banana"))), "ref_type"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("sparc"))),
                        "tasks", List.of(Map.of("url", url))), "arch_list"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("riscv64"))),
                        "tasks", List.of(Map.of("url", url))), "arch_list"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8")), "tasks", List.of(Map.of("url", url))),
                        "arch_list"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("url", url)), "linked_builds", List.of(987654321)), "linked_builds"},
                {Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("url", url)), "platform_flavors", List.of(987654321)), "platform_flavors"},
                {Map.of("platforms", "AlmaLinux-8", "tasks", List.of(Map.of("url", url))), "platforms"},
        };
        for (Object[] c : cases) {
            Api.asAdmin().contentType(ContentType.JSON).body(c[0]).when().post("/api/v1/builds/")
                    .then().statusCode(422).body("detail.loc.flatten()", hasItem(c[1]));
        }
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("platforms", List.of(Map.of("name", "NoSuchLinux-1", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("url", url))))
                .when().post("/api/v1/builds/").then().statusCode(422)
                .body("detail[0].msg", equalTo("Unknown platform 'NoSuchLinux-1'"));
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("platforms", List.of(Map.of("name", "AlmaLinux-8", "arch_list", List.of("x86_64"))),
                        "tasks", List.of(Map.of("module_name", "nodejs", "module_stream", "18", "refs", List.of()))))
                .when().post("/api/v1/builds/").then().statusCode(422)
                .body("detail[0].msg", containsString("Module builds"));
        Api.asAdmin().contentType(ContentType.JSON).body("{\"platforms\": [").when().post("/api/v1/builds/")
                .then().statusCode(422).body("detail[0].type", equalTo("json_invalid"));
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/builds/")
                .then().statusCode(403).body("detail", equalTo("Not authenticated"));
        assertThat(count("SELECT count(*) FROM builds")).isEqualTo(before);
    }

    @Test
    void onlyTheOwnerOrASuperuserMayRestartCancelOrDelete() {
        Api.ServiceUser owner = Api.createServiceUser("owner");
        Api.ServiceUser stranger = Api.createServiceUser("stranger");
        long id = Node.createBuild(owner.token(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/mine.git")).getLong("id");
        for (String action : List.of("restart-failed", "parallel-restart-failed", "cancel")) {
            stranger.request().when().patch("/api/v1/builds/{id}/" + action, id).then().statusCode(403)
                    .body("detail", containsString("only its owner, a superuser"));
        }
        stranger.request().when().delete("/api/v1/builds/{id}/remove", id).then().statusCode(403);
        owner.request().when().patch("/api/v1/builds/{id}/restart-failed", id).then().statusCode(200)
                .body(equalTo("null"));
        Api.asAdmin().when().patch("/api/v1/builds/{id}/cancel", id).then().statusCode(200).body(equalTo("null"));
        owner.request().when().patch("/api/v1/builds/987654321/cancel").then().statusCode(404);
        owner.request().when().patch("/api/v1/builds/x/cancel").then().statusCode(422);
    }

    @Test
    void cancelStopsIdleTasksAndFinishesTheBuildWhenNothingRuns() {
        Node node = Node.create("cancel-node");
        long id = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/c1.git", "https://git.almalinux.org/rpms/c2.git")).getLong("id");
        long running = node.getTask(Node.X86_WITH_SRC).getLong("id");
        Api.asAdmin().when().patch("/api/v1/builds/{id}/cancel", id).then().statusCode(200);
        JsonPath b = Node.getBuild(id);
        assertThat(b.getList("tasks.status", Integer.class)).containsExactly(1, 5, 5, 5);
        assertThat(b.getString("tasks[1].error")).isEqualTo("Build task cancelled by user");
        assertThat(b.getString("finished_at")).isNull();
        node.buildDone(running, "done", Node.artifacts("c1-1-1.el8.src.rpm")).then().statusCode(200);
        assertThat(Node.getBuild(id).getString("finished_at")).isNotNull();
        assertThat(node.getTask(Node.X86_WITH_SRC)).isNull();
    }

    @Test
    void restartFailedPutsFailedTasksBackInTheQueue() {
        Node node = Node.create("restart-node");
        long id = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/r1.git")).getLong("id");
        long src = node.getTask(Node.X86_WITH_SRC).getLong("id");
        node.buildDone(src, "failed", Node.artifacts()).then().statusCode(200);
        JsonPath failed = Node.getBuild(id);
        assertThat(failed.getList("tasks.status", Integer.class)).containsExactly(3, 3);
        assertThat(failed.getString("finished_at")).isNotNull();

        Api.asAdmin().when().patch("/api/v1/builds/{id}/restart-failed", id).then().statusCode(200);
        JsonPath restarted = Node.getBuild(id);
        assertThat(restarted.getList("tasks.status", Integer.class)).containsExactly(0, 0);
        assertThat(restarted.getString("finished_at")).isNull();
        assertThat(restarted.getList("tasks[0].history.event", String.class)).containsExactly("CLAIM", "FAIL", "RESTART");
        // sequential chain: x86_64 waits for the restarted src
        assertThat(node.getTask(List.of("x86_64"))).isNull();
        JsonPath again = node.getTask(Node.X86_WITH_SRC);
        assertThat(again.getLong("id")).isEqualTo(src);
        node.buildDone(src, "done", Node.artifacts("r1-1-1.el8.src.rpm")).then().statusCode(200);
        JsonPath arch = node.getTask(List.of("x86_64"));
        assertThat(arch.getString("built_srpm_url")).endsWith("/r1-1-1.el8.src.rpm");
        node.buildDone(arch.getLong("id"), "done", Node.artifacts("r1-1-1.el8.x86_64.rpm")).then().statusCode(200);
        assertThat(Node.getBuild(id).getString("finished_at")).isNotNull();
    }

    @Test
    void deleteRemovesTheBuildUnlessReleased() throws SQLException {
        Api.ServiceUser owner = Api.createServiceUser("deleter");
        long id = Node.createBuild(owner.token(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/d.git")).getLong("id");
        owner.request().when().delete("/api/v1/builds/{id}/remove", id).then().statusCode(204);
        given().get("/api/v1/builds/{id}/", id).then().statusCode(404);
        owner.request().when().delete("/api/v1/builds/{id}/remove", id).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM build_tasks WHERE build_id = " + id)).isZero();

        long released = Node.createBuild(owner.token(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/rel.git")).getLong("id");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE builds SET released = true WHERE id = " + released);
        }
        owner.request().when().delete("/api/v1/builds/{id}/remove", released).then().statusCode(409)
                .body("detail", containsString("released"));
        given().get("/api/v1/builds/{id}/", released).then().statusCode(200).body("released", equalTo(true))
                .body("release_id", nullValue());
    }
}
