package org.albs.bootstrap.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.junit.jupiter.api.Test;

/** The albs-node wire contract: get_task, ping, build_done, against real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class BuildNodeApiTest extends EmptyQueueTest {
    static final List<String> TASK_KEYS = List.of("id", "arch", "build_id", "ref", "platform", "created_by",
            "alma_commit_cas_hash", "srpm_hash", "is_cas_authenticated", "is_secure_boot", "repositories",
            "linked_builds", "built_srpm_url");

    @Test
    void nothingToDoIsHttp200WithJsonNull() {
        Node node = Node.create("idle-node");
        Response r = node.getTaskResponse(Node.X86_WITH_SRC, List.of());
        r.then().statusCode(200).contentType(ContentType.JSON);
        assertThat(r.asString()).isEqualTo("null");
    }

    @Test
    void taskPayloadHasEveryKeyTheRealNodeNeeds() {
        Node node = Node.create("payload-node");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/chan.git")).getLong("id");
        Response r = node.getTaskResponse(List.of("x86_64", "i686", "src"), List.of());
        r.then().statusCode(200);
        Map<String, Object> task = r.jsonPath().getMap("");
        assertThat(task).containsKeys(TASK_KEYS.toArray(String[]::new));
        assertThat(task.get("arch")).isEqualTo("src");
        assertThat(((Number) task.get("build_id")).longValue()).isEqualTo(build);
        assertThat(task.get("built_srpm_url")).isNull();
        assertThat(task.get("srpm_hash")).isNull();
        assertThat(task.get("is_secure_boot")).isEqualTo(false);
        assertThat(task.get("is_cas_authenticated")).isEqualTo(false);
        JsonPath j = r.jsonPath();
        assertThat(j.getMap("ref")).containsOnlyKeys("url", "git_ref", "ref_type", "git_commit_hash")
                .containsEntry("url", "https://git.almalinux.org/rpms/chan.git").containsEntry("ref_type", 1);
        assertThat(j.getString("platform.name")).isEqualTo("AlmaLinux-8");
        assertThat(j.getString("platform.type")).isEqualTo("rpm");
        assertThat(j.getMap("platform.data.mock")).containsEntry("package_manager", "dnf");
        assertThat(j.getMap("created_by")).containsEntry("name", "admin").containsEntry("email", Api.ADMIN_EMAIL);
        // a src task gets the repositories of the node's own (first non-src) arch
        List<Map<String, Object>> repos = j.getList("repositories");
        assertThat(repos).isNotEmpty().allSatisfy(repo -> {
            assertThat(repo).containsOnlyKeys("name", "url", "priority", "mock_enabled");
            assertThat((String) repo.get("url")).contains("x86_64");
            // the platform's debuginfo repositories are sent disabled, as release targets only
            assertThat(repo.get("mock_enabled")).isEqualTo(!((String) repo.get("name")).endsWith("-debuginfo"));
        });
    }

    @Test
    void aSourceOnlyNodeGetsThePlatformsFirstArchRepositories() {
        Node node = Node.create("src-only");
        Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-9", List.of("aarch64"), false,
                "https://git.almalinux.org/rpms/zlib.git"));
        JsonPath task = node.getTask(List.of("src"));
        assertThat(task.getString("arch")).isEqualTo("src");
        List<Map<String, Object>> repos = task.getList("repositories");
        // AlmaLinux-9 lists i686 first; its repositories point at the x86_64 tree
        assertThat(repos).isNotEmpty();
    }

    @Test
    void archesAreMatchedExactlyAndSourcesOnlyWhenAsked() {
        Node noSrc = Node.create("no-src");
        Node withSrc = Node.create("with-src");
        Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("aarch64"), false,
                "https://git.almalinux.org/rpms/bash.git"));
        assertThat(noSrc.getTask(List.of("aarch64", "x86_64"))).isNull();
        JsonPath src = withSrc.getTask(List.of("x86_64", "src"));
        assertThat(src.getString("arch")).isEqualTo("src");
        withSrc.buildDone(src.getLong("id"), "done", Node.artifacts("bash-5.1-1.el8.src.rpm")).then().statusCode(200);
        assertThat(withSrc.getTask(List.of("x86_64", "i686"))).isNull();
        assertThat(noSrc.getTask(List.of("aarch64")).getString("arch")).isEqualTo("aarch64");
    }

    @Test
    void excludedPackagesAreCaseInsensitiveSubstringsOfTheRefUrl() {
        Node node = Node.create("excluding");
        Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), true,
                "https://git.almalinux.org/rpms/Kernel.git", "https://git.almalinux.org/rpms/glibc.git"));
        Response r = node.getTaskResponse(Node.X86_WITH_SRC, List.of("kernel", "100%_"));
        r.then().statusCode(200);
        assertThat(r.jsonPath().getString("ref.url")).endsWith("/glibc.git");
        assertThat(node.getTaskResponse(Node.X86_WITH_SRC, List.of("KERNEL", "glibc")).asString()).isEqualTo("null");
    }

    @Test
    void sourceBuildHandsItsSrpmToTheArchTasksAndTheBuildFinishes() {
        Node node = Node.create("srpm");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64", "i686"),
                false, "https://git.almalinux.org/rpms/chan.git")).getLong("id");
        JsonPath src = node.getTask(Node.X86_WITH_SRC);
        node.buildDone(src.getLong("id"), "done", Node.artifacts("chan-0.0.4-3.el8.src.rpm"))
                .then().statusCode(200).body("ok", equalTo(true));
        JsonPath i686 = node.getTask(Node.X86_WITH_SRC);
        assertThat(i686.getString("arch")).isEqualTo("i686");
        assertThat(i686.getString("built_srpm_url")).as("where Pulp serves it").isEqualTo(PulpStub.shared().baseUrl()
                + "/pulp/content/builds/AlmaLinux-8-src-" + build + "-br/Packages/c/chan-0.0.4-3.el8.src.rpm");
        assertThat(i686.getString("srpm_hash")).isEqualTo("cas-chan-0.0.4-3.el8.src.rpm");
        JsonPath x86 = node.getTask(Node.X86_WITH_SRC);
        assertThat(x86.getString("arch")).isEqualTo("x86_64");
        node.buildDone(i686.getLong("id"), "done", Node.artifacts("chan-0.0.4-3.el8.i686.rpm")).then().statusCode(200);
        assertThat(Node.getBuild(build).getString("finished_at")).isNull();
        node.buildDone(x86.getLong("id"), "excluded", Node.artifacts()).then().statusCode(200);

        JsonPath view = Node.getBuild(build);
        assertThat(view.getString("finished_at")).isNotNull();
        assertThat(view.getList("tasks.status", Integer.class)).containsExactly(2, 2, 4);
        // the src task itself and both arch tasks of the ref carry the SRPM and its hash
        assertThat(view.getList("tasks.built_srpm_url", String.class)).hasSize(3)
                .allSatisfy(url -> assertThat(url).endsWith("/Packages/c/chan-0.0.4-3.el8.src.rpm"));
        assertThat(view.getList("tasks.srpm_hash", String.class)).containsOnly("cas-chan-0.0.4-3.el8.src.rpm");
        assertThat(view.getList("tasks[0].artifacts.name", String.class))
                .contains("chan-0.0.4-3.el8.src.rpm");
        assertThat(view.getString("tasks[0].artifacts[0].sha256")).hasSize(64);
        assertThat(view.getString("tasks[0].artifact_imports[0].state")).isEqualTo("done");
        assertThat(view.getList("tasks[0].performance_stats")).hasSize(1);
        assertThat(view.getString("tasks[0].started_at")).isEqualTo("2026-01-01T10:00:00.000001");
        assertThat(view.getList("tasks[0].history.event", String.class)).containsExactly("CLAIM", "DONE");
        assertThat(view.getList("tasks[0].history.node", Long.class)).containsOnly(node.account.id());
    }

    @Test
    void aFailedSourceBuildFastFailsTheRestOfItsRef() {
        Node node = Node.create("fastfail");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64", "i686"),
                false, "https://git.almalinux.org/rpms/broken.git")).getLong("id");
        JsonPath src = node.getTask(Node.X86_WITH_SRC);
        node.buildDone(src.getLong("id"), "failed", Node.artifacts()).then().statusCode(200);
        JsonPath view = Node.getBuild(build);
        assertThat(view.getList("tasks.status", Integer.class)).containsExactly(3, 3, 3);
        assertThat(view.getString("tasks[1].error")).startsWith("Fast failed: SRPM build failed in the initial "
                + "architecture (src).");
        assertThat(view.getString("finished_at")).isNotNull();
        assertThat(node.getTask(Node.X86_WITH_SRC)).isNull();
    }

    @Test
    void secondReportIs409OkFalseAndChangesNothing() {
        Node node = Node.create("twice");
        Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/twice.git"));
        long id = node.getTask(Node.X86_WITH_SRC).getLong("id");
        node.buildDone(id, "done", Node.artifacts("twice-1-1.el8.src.rpm")).then().statusCode(200);
        node.buildDone(id, "failed", Node.artifacts()).then().statusCode(409).body("ok", equalTo(false))
                .body("detail", containsString("already finished"));
    }

    @Test
    void unknownTaskIs404AndBadReportsAre422() {
        Node node = Node.create("bad-report");
        node.buildDone(999_999_999L, "done", List.of()).then().statusCode(404)
                .body("detail", equalTo("Build task with id 999999999 is not found"));
        String sha = "a".repeat(64);
        Object[][] cases = {
                {Map.of("status", "done", "artifacts", List.of()), "task_id"},
                {Map.of("task_id", 1, "status", "finished", "artifacts", List.of()), "status"},
                {Map.of("task_id", 1, "status", "done"), "artifacts"},
                {Map.of("task_id", -4, "status", "done", "artifacts", List.of()), "task_id"},
                {Map.of("task_id", "abc", "status", "done", "artifacts", List.of()), "task_id"},
                {Map.of("task_id", 1, "status", "done", "artifacts",
                        List.of(Map.of("name", "a.rpm", "type", "rpm", "href", "/h/"))), "sha256"},
                {Map.of("task_id", 1, "status", "done", "artifacts",
                        List.of(Map.of("name", "a.rpm", "type", "srpm", "href", "/h/", "sha256", sha))), "type"},
                {Map.of("task_id", 1, "status", "done", "artifacts",
                        List.of(Map.of("name", "a.rpm", "type", "rpm", "href", "/h/", "sha256", "xyz"))), "sha256"},
                {Map.of("task_id", 1, "status", "done", "artifacts",
                        List.of(Map.of("name", "a.rpm", "type", "rpm", "href", "/h/", "sha256", sha),
                                Map.of("name", "a.rpm", "type", "rpm", "href", "/h2/", "sha256", sha))), "name"},
        };
        for (Object[] c : cases) {
            node.account.request().contentType(ContentType.JSON).body(c[0])
                    .when().post("/api/v1/build_node/build_done")
                    .then().statusCode(422).body("detail.loc.flatten()", hasItem(c[1]));
        }
        node.account.request().contentType(ContentType.JSON).body("{\"task_id\": 1,")
                .when().post("/api/v1/build_node/build_done").then().statusCode(422)
                .body("detail[0].type", equalTo("json_invalid"));
        node.account.request().contentType(ContentType.JSON).body(Map.of("supported_arches", List.of("x86 64")))
                .when().post("/api/v1/build_node/get_task").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "supported_arches", 0)));
        node.account.request().contentType(ContentType.JSON).body(Map.of("excluded_packages", List.of()))
                .when().post("/api/v1/build_node/get_task").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "supported_arches")));
        node.account.request().contentType(ContentType.JSON).body(Map.of("active_tasks", List.of("x")))
                .when().post("/api/v1/build_node/ping").then().statusCode(422);
        node.account.request().contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/build_node/ping").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "active_tasks")));
    }

    @Test
    void withoutATokenTheNodeCallsAre403() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("supported_arches", List.of("src")))
                .when().post("/api/v1/build_node/get_task").then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void pingRenewsOnlyTheCallersOwnLeases() {
        Node holder = Node.create("holder");
        Node other = Node.create("other");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/ping.git")).getLong("id");
        long id = holder.getTask(Node.X86_WITH_SRC).getLong("id");
        LocalDateTime first = LocalDateTime.parse(Node.getBuild(build).getString("tasks[0].lease_expires_at"));
        other.ping(List.of(id)).then().statusCode(200).body("isEmpty()", equalTo(true));
        assertThat(LocalDateTime.parse(Node.getBuild(build).getString("tasks[0].lease_expires_at"))).isEqualTo(first);
        holder.ping(List.of(id, 999_999_999L)).then().statusCode(200);
        assertThat(LocalDateTime.parse(Node.getBuild(build).getString("tasks[0].lease_expires_at"))).isAfter(first);
        assertThat(Node.getBuild(build).getLong("tasks[0].lease_holder")).isEqualTo(holder.account.id());
    }

    @Test
    void missingStatsAndRefTypeAreAcceptedAsUpstreamDoes() {
        Node node = Node.create("lenient");
        Map<String, Object> body = Node.buildBody("AlmaLinux-8", List.of("x86_64"), false, "https://git.almalinux.org/rpms/x.git");
        @SuppressWarnings("unchecked")
        Map<String, Object> ref = ((List<Map<String, Object>>) body.get("tasks")).get(0);
        ref.remove("ref_type");
        long build = Node.createBuild(Api.adminToken(), body).getLong("id");
        JsonPath task = node.getTask(Node.X86_WITH_SRC);
        assertThat(task.getInt("ref.ref_type")).isEqualTo(1);
        node.account.request().contentType(ContentType.JSON)
                .body(Map.of("task_id", task.getLong("id"), "status", "done", "artifacts", List.of(),
                        "unknown_field", 42))
                .when().post("/api/v1/build_node/build_done").then().statusCode(200).body("ok", equalTo(true));
        assertThat(Node.getBuild(build).getInt("tasks[0].status")).isEqualTo(2);
    }
}
