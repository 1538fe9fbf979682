package org.albs.bootstrap.builds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The calls albs-frontend makes for the build planner's flavours, the build feed's search and the build page
 * (docs/frontend-calls.md #18, #21, #22, #24, #68), sent as the UI sends them: public GETs carry
 * {@code authorization: Bearer null} before anybody logs in.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class UiBuildFeedApiTest extends EmptyQueueTest {
    private static RequestSpecification anonymousUi() {
        return given().header("authorization", "Bearer null");
    }

    private static Map<String, Object> repo(String name, String arch) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("arch", arch);
        r.put("url", "https://repo.example.com/" + name + "/" + arch + "/");
        r.put("type", "rpm");
        r.put("debug", false);
        r.put("production", false);
        return r;
    }

    private static JsonPath createFlavour(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("modularity", Map.of("git_tag_prefix", Map.of("modified", "a9-beta-modified")));
        body.put("repositories", List.of(repo(name + "-extra", "x86_64"), repo(name + "-extra", "aarch64")));
        body.put("data", Map.of("mock", Map.of("macros", Map.of("%dist_suffix", ".beta"),
                        "dnf_common_opts", List.of("--setopt=beta=1")),
                "definitions", Map.of("dist", ".el8.beta"), "versions", List.of(Map.of("name", "8.99"))));
        return Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/platform_flavors/")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void flavoursAreListedPubliclyWithWhatThePlannerReads() {
        String name = Api.unique("beta");
        long id = createFlavour(name).getLong("id");
        JsonPath list = anonymousUi().when().get("/api/v1/platform_flavors/").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        Map<String, Object> f = list.getMap("find { it.id == " + id + " }");
        assertThat(f).containsKeys("id", "name", "repos", "modularity", "data").containsEntry("name", name);
        assertThat(list.getList("find { it.id == " + id + " }.data.versions.name")).containsExactly("8.99");
        assertThat(list.getList("find { it.id == " + id + " }.repos.arch")).containsExactly("x86_64", "aarch64");
        assertThat(list.getMap("find { it.id == " + id + " }.repos[0]")).containsKeys("id", "name", "arch", "url",
                "type", "debug", "priority", "production", "mock_enabled");
    }

    @Test
    void flavourCreationIsForSuperusersAndChecksItsInput() {
        String name = Api.unique("dup");
        createFlavour(name);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "repositories", List.of()))
                .when().post("/api/v1/platform_flavors/")
                .then().statusCode(409).body("detail", containsString(name));
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "x y", "repositories", List.of(Map.of("name", "r"))))
                .when().post("/api/v1/platform_flavors/")
                .then().statusCode(422).body("detail", instanceOf(List.class))
                .body("detail.loc.flatten()", org.hamcrest.Matchers.hasItems("name", "repositories"));
        Api.createServiceUser("flavour-user").request().contentType(ContentType.JSON)
                .body(Map.of("name", Api.unique("nope"))).when().post("/api/v1/platform_flavors/")
                .then().statusCode(403).body("detail", instanceOf(String.class));
        anonymousUi().contentType(ContentType.JSON).body(Map.of("name", Api.unique("nope")))
                .when().post("/api/v1/platform_flavors/").then().statusCode(401);
    }

    @Test
    void patchReplacesTheGivenFieldsOfTheNamedFlavour() {
        String name = Api.unique("patched");
        createFlavour(name);
        JsonPath changed = Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", name, "data", Map.of("definitions", Map.of("dist", ".x")),
                        "repositories", List.of(repo(name + "-only", "x86_64"))))
                .when().patch("/api/v1/platform_flavors/").then().statusCode(200).extract().jsonPath();
        assertThat(changed.getMap("data")).isEqualTo(Map.of("definitions", Map.of("dist", ".x")));
        assertThat(changed.getList("repos.name")).containsExactly(name + "-only");
        assertThat(changed.getMap("modularity")).containsKey("git_tag_prefix");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", Api.unique("missing")))
                .when().patch("/api/v1/platform_flavors/").then().statusCode(404).body("detail", containsString("not found"));
    }

    @Test
    void aBuildKeepsItsFlavoursShowsThemAndItsTasksGetTheirRepositoriesAndData() {
        JsonPath flavour = createFlavour(Api.unique("node-beta"));
        long flavourId = flavour.getLong("id");
        Map<String, Object> body = Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/flavoured.git");
        body.put("platform_flavors", List.of(flavourId));
        body.put("test_configuration", Map.of());
        long build = Node.createBuild(Api.adminToken(), body).getLong("id");
        JsonPath shown = anonymousUi().when().get("/api/v1/builds/{id}/", build).then().statusCode(200)
                .extract().jsonPath();
        assertThat(shown.getList("platform_flavors.id", Long.class)).containsExactly(flavourId);
        assertThat(shown.getList("platform_flavors.name")).containsExactly(flavour.getString("name"));
        JsonPath feed = anonymousUi().queryParam("pageNumber", 1).when().get("/api/v1/builds/").then()
                .statusCode(200).extract().jsonPath();
        assertThat(feed.getList("builds.find { it.id == " + build + " }.platform_flavors.name"))
                .containsExactly(flavour.getString("name"));

        Node node = Node.create("flavour-node");
        JsonPath task = node.getTask(Node.X86_WITH_SRC);
        assertThat(task.getLong("build_id")).isEqualTo(build);
        List<String> urls = task.getList("repositories.url");
        assertThat(urls).contains("https://repo.example.com/" + flavour.getString("name") + "-extra/x86_64/")
                .noneMatch(u -> u.contains("-extra/aarch64"));
        assertThat(urls.get(urls.size() - 1)).contains("-extra/x86_64/");
        assertThat(task.getMap("platform.data.mock.macros")).containsEntry("%dist_suffix", ".beta");
        assertThat(task.getList("platform.data.mock.dnf_common_opts")).endsWith("--setopt=beta=1");
        assertThat(task.getMap("platform.data.definitions")).containsEntry("dist", ".el8.beta");
    }

    @Test
    void unknownFlavoursAtBuildCreationAre422NamingThem() {
        Map<String, Object> body = Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/nope.git");
        body.put("platform_flavors", List.of(987654321L));
        Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(422).body("detail[0].msg", containsString("987654321"))
                .body("detail[0].loc", equalTo(List.of("body", "platform_flavors")));
    }

    /** A build of one x86_64 task whose artifact rows say it made {@code name-version-release.x86_64}. */
    private long builtPackage(String name, String version, String release) {
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/" + name + ".git")).getLong("id");
        sql("INSERT INTO build_artifacts (build_task_id, name, type, href, meta)"
                + " SELECT t.id, '" + name + "-" + version + "-" + release + ".x86_64.rpm', 'rpm', '/href/" + name
                + "', jsonb_build_object('name', '" + name + "', 'epoch', '1', 'version', '" + version
                + "', 'release', '" + release + "', 'arch', 'x86_64', 'sha256', 'x')"
                + " FROM build_tasks t WHERE t.build_id = " + build + " AND t.arch = 'x86_64'");
        return build;
    }

    private List<Long> feed(Map<String, Object> params) {
        return anonymousUi().queryParam("pageNumber", 1).queryParams(params).when().get("/api/v1/builds/")
                .then().statusCode(200).extract().jsonPath().getList("builds.id", Long.class);
    }

    @Test
    void theFeedFindsBuildsByThePackagesTheyMade() {
        String name = Api.unique("pkgsearch").replace('_', '-');
        long v1 = builtPackage(name, "1.0", "1.el8");
        long v2 = builtPackage(name, "2.0", "3.el8");
        long other = builtPackage(name + "-libs", "2.0", "3.el8");
        assertThat(feed(Map.of("rpm_name", name))).containsExactly(v2, v1);
        assertThat(feed(Map.of("rpm_name", name, "rpm_version", "2.0"))).containsExactly(v2);
        assertThat(feed(Map.of("rpm_name", name, "rpm_release", "1.el8"))).containsExactly(v1);
        assertThat(feed(Map.of("rpm_name", name, "rpm_epoch", "1", "rpm_arch", "x86_64"))).containsExactly(v2, v1);
        assertThat(feed(Map.of("rpm_name", name, "rpm_epoch", "0"))).isEmpty();
        assertThat(feed(Map.of("rpm_name", name, "rpm_arch", "aarch64"))).isEmpty();
        assertThat(feed(Map.of("rpm_name", name + "-libs"))).containsExactly(other);
        assertThat(feedTotal(Map.of("rpm_name", name))).isEqualTo(2);
    }

    @Test
    void theProjectFilterMatchesRefUrlsFromASlashOnAndCountsEachBuildOnce() {
        String p = Api.unique("proj").replace('-', '_'); // proj_…: an underscore is itself, not LIKE's any character
        String url = "https://git.almalinux.org/rpms/";
        String owner = Api.adminToken();
        long plain = Node.createBuild(owner, Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                url + p + ".git")).getLong("id");
        long twoRefs = Node.createBuild(owner, Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                url + p + "-libs.git", url + p + "-docs.git")).getLong("id");
        long lookalike = Node.createBuild(owner, Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                url + p.replace('_', 'y') + ".git")).getLong("id");
        long inside = Node.createBuild(owner, Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                url + "x" + p + ".git")).getLong("id");
        assertThat(feed(Map.of("project", p))).containsExactly(twoRefs, plain);
        assertThat(feedTotal(Map.of("project", p))).isEqualTo(2);
        assertThat(feed(Map.of("project", p + "-docs"))).containsExactly(twoRefs);
        assertThat(feed(Map.of("project", p.replace('_', 'y')))).containsExactly(lookalike);
        assertThat(feed(Map.of("project", "x" + p))).containsExactly(inside);
        assertThat(feed(Map.of("project", p + "%"))).isEmpty();
        assertThat(feed(Map.of("project", p, "signed", "true"))).isEmpty();
        assertThat(feedTotal(Map.of("project", p, "signed", "false"))).isEqualTo(2);
    }

    private long feedTotal(Map<String, Object> params) {
        return anonymousUi().queryParam("pageNumber", 1).queryParams(params).when().get("/api/v1/builds/")
                .then().statusCode(200).extract().jsonPath().getLong("total_builds");
    }

    @Test
    void theFeedFiltersSignedAndReleasedBuilds() {
        String name = Api.unique("flags").replace('_', '-');
        long plain = builtPackage(name, "1", "1");
        long signed = builtPackage(name, "1", "2");
        long released = builtPackage(name, "1", "3");
        sql("UPDATE builds SET signed = true WHERE id = " + signed);
        sql("UPDATE builds SET released = true, signed = true WHERE id = " + released);
        assertThat(feed(Map.of("rpm_name", name, "signed", "true"))).containsExactly(released, signed);
        assertThat(feed(Map.of("rpm_name", name, "signed", "false"))).containsExactly(plain);
        assertThat(feed(Map.of("rpm_name", name, "released", "true"))).containsExactly(released);
        assertThat(feed(Map.of("rpm_name", name, "released", "false"))).containsExactly(signed, plain);
        anonymousUi().queryParam("pageNumber", 1).queryParam("signed", "maybe").when().get("/api/v1/builds/")
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("query", "signed")));
    }

    @Test
    void buildJsonShowsItsSignTasksAsTheNewReleaseFormReadsThem() {
        long build = builtPackage(Api.unique("signtasks").replace('_', '-'), "1", "1");
        String keyid = Long.toHexString(System.nanoTime()).toUpperCase();
        keyid = (keyid + "0000000000000000").substring(0, 16);
        sql("INSERT INTO sign_keys (name, keyid, fingerprint, inserted) VALUES ('k', '" + keyid + "', '" + keyid
                + "000000000000000000000000', now())");
        sql("INSERT INTO sign_tasks (build_id, sign_key_id, status, created_at, started_at, finished_at)"
                + " SELECT " + build + ", id, 4, now(), now(), now() FROM sign_keys WHERE keyid = '" + keyid + "'");
        sql("INSERT INTO sign_tasks (build_id, sign_key_id, status, created_at, started_at, finished_at)"
                + " SELECT " + build + ", id, 3, now(), now(), now() FROM sign_keys WHERE keyid = '" + keyid + "'");
        JsonPath shown = anonymousUi().when().get("/api/v1/builds/{id}", build).then().statusCode(200)
                .extract().jsonPath();
        assertThat(shown.getList("sign_tasks.status", Integer.class)).containsExactly(4, 3);
        assertThat(shown.getMap("sign_tasks[1]")).containsKeys("id", "started_at", "finished_at", "status", "stats");
        List<Map<String, Object>> inFeed = anonymousUi().queryParam("pageNumber", 1).when().get("/api/v1/builds/")
                .then().statusCode(200).extract().jsonPath().getList("builds.find { it.id == " + build
                        + " }.sign_tasks");
        assertThat(inFeed).hasSize(2);
    }

    @Test
    void anArtifactIsShownByIdAndAnUnknownOneIs404() {
        long build = builtPackage(Api.unique("artifact").replace('_', '-'), "1", "1");
        long id = count("SELECT a.id FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id"
                + " WHERE t.build_id = " + build);
        JsonPath a = anonymousUi().when().get("/api/v1/artifacts/{id}/", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(a.getLong("id")).isEqualTo(id);
        assertThat(a.getString("type")).isEqualTo("rpm");
        assertThat(a.getMap("")).containsKeys("name", "href", "cas_hash", "meta");
        assertThat(a.getString("meta.version")).isEqualTo("1");
        anonymousUi().when().get("/api/v1/artifacts/{id}/", 987654321L).then().statusCode(404)
                .body("detail", instanceOf(String.class));
        anonymousUi().when().get("/api/v1/artifacts/{id}/", "x").then().statusCode(422);
    }

    @Test
    void modulePreviewIsRefusedClearly() {
        Map<String, Object> body = Map.of("ref", Map.of("url", "https://git.almalinux.org/modules/nodejs.git",
                "git_ref", "c8-stream-18", "ref_type", 1), "flavors", List.of(), "platform_name", "AlmaLinux-8",
                "platform_arches", List.of("x86_64"));
        Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/get_module_preview/")
                .then().statusCode(422).body("detail", equalTo("module builds are not supported"));
    }
}
