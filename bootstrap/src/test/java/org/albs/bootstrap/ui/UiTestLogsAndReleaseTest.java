package org.albs.bootstrap.ui;

import static org.albs.bootstrap.ui.UiCalls.id;
import static org.albs.bootstrap.ui.UiCalls.list;
import static org.albs.bootstrap.ui.UiCalls.loggedOut;
import static org.albs.bootstrap.ui.UiCalls.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.BeholderStub;
import org.albs.bootstrap.support.LocalPipeline;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpUploadClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's calls of {@link UiCalls} that need real packages, on the embedded store (the cheapest setup with
 * them): a build made with rpmbuild, tested by a simulated ALTS that uploads a TAP log (the "Test Logs" tab, #32 and
 * #33), signed, then released as the UI releases it (#44–#48): the package-location table's fields, the PUT that
 * echoes them, the commit, and a second plan finding the committed packages in their repositories
 * ({@code href_from_repo}, {@code packages_from_repos}).
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class UiTestLogsAndReleaseTest {
    private static final String PLATFORM = "AlmaLinux-8";

    @TempDir
    Path work;

    private static RequestSpecification admin() {
        return UiCalls.as(Api.adminToken());
    }

    /** Polls as ALTS until every test of this build task is handed out (other classes' tests may wait too). */
    private static List<Long> claimTestsOf(Api.ServiceUser alts, long buildTaskId) {
        List<Long> wanted = loggedOut().when().get("/api/v1/tests/{id}/latest", buildTaskId).then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
        assertThat(wanted).as("the tests of build task %d", buildTaskId).isNotEmpty();
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 100 && mine.size() < wanted.size(); i++) {
            List<Map<String, Object>> claimed = alts.request().when().get("/api/v1/tests/get_test_tasks/").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            claimed.stream().map(t -> id(t.get("bs_task_id"))).filter(wanted::contains).forEach(mine::add);
        }
        assertThat(mine).containsExactlyInAnyOrderElementsOf(wanted);
        return mine;
    }

    @Test
    void testLogsShowTheirTapResultsAndAReleaseRoundTripsWhatTheTableEchoes() throws Exception {
        LocalPipeline pipeline = new LocalPipeline(work);
        long platformId = list(loggedOut().when().get("/api/v1/platforms/").then().statusCode(200).extract()
                .jsonPath().get("$")).stream().filter(p -> PLATFORM.equals(p.get("name")))
                .map(p -> id(p.get("id"))).findFirst().orElseThrow();
        String name = Api.unique("uirel");
        BeholderStub.shared().projects("AlmaLinux", "8", name + "-1.0-1.el8.src.rpm", Map.of());
        LocalPipeline.Built built = pipeline.build(Node.create("ui-rel"), PLATFORM, List.of("x86_64"), name);
        long buildId = built.buildId();
        JsonPath build = Node.getBuild(buildId);
        long x86 = build.getLong("tasks.find { it.arch == 'x86_64' }.id");
        long src = build.getLong("tasks.find { it.arch == 'src' }.id");

        // ---- the "Test Logs" tab: ALTS reports a test of the package with a TAP log of its tests ----------------
        Api.ServiceUser alts = Api.createServiceUser("ui-alts");
        List<Long> tests = claimTestsOf(alts, x86);
        long testId = tests.get(0);
        PulpUploadClient uploads = LocalStoreProfile.uploads();
        Path tap = Files.writeString(work.resolve("tests_0_sanity.log"), "Exit code: 1\nStdout:\n\n1..4\n"
                + "ok 1 - installs\nnot ok 2 - starts\n# exit 3\nnot ok 3 - later # TODO\nok 4 - net # SKIP\n");
        Path install = Files.writeString(work.resolve("install_package.log"), "installed\n");
        List<Map<String, Object>> logs = List.of(
                Map.of("name", "install_package.log", "href", uploads.upload(install).href()),
                Map.of("name", "tests_0_sanity.log", "href", uploads.upload(tap).href()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("install_package", Map.of("success", true));
        result.put("tests", Map.of("0_sanity", Map.of("success", false, "output", "")));
        result.put("skipped_tests", List.of());
        result.put("logs", logs);
        alts.request().contentType(ContentType.JSON).body(Map.of("api_version", "20210512", "result", result))
                .when().post("/api/v1/tests/{id}/result/", testId).then().statusCode(200);
        for (long other : tests.subList(1, tests.size())) { // the other packages' tests pass, without logs
            Map<String, Object> passed = new LinkedHashMap<>(result);
            passed.put("tests", Map.of());
            passed.put("logs", List.of());
            alts.request().contentType(ContentType.JSON).body(Map.of("api_version", "20210512", "result", passed))
                    .when().post("/api/v1/tests/{id}/result/", other).then().statusCode(200);
        }
        Node.awaitJobs(buildId);

        Object latest = UiCalls.shows(32, loggedOut().when().get("/api/v1/tests/{id}/latest", x86));
        Object logsAnswer = UiCalls.shows(33, loggedOut().when().get("/api/v1/tests/{id}/logs", x86));
        // TestLogs.getTaps: the entry whose id is the test's and whose log_name includes the test's name
        long shownTestId = id(list(latest).stream().filter(t -> id(t.get("id")) == testId).findFirst()
                .orElseThrow().get("id"));
        Map<String, Object> taps = list(logsAnswer).stream().filter(l -> id(l.get("id")) == shownTestId
                && l.get("log_name").toString().contains("0_sanity")).findFirst().orElseThrow();
        assertThat(list(taps.get("tap_results"))).extracting(c -> c.get("test_name"), c -> c.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("installs", 2),
                        org.assertj.core.groups.Tuple.tuple("starts", 1),
                        org.assertj.core.groups.Tuple.tuple("later", 3),
                        org.assertj.core.groups.Tuple.tuple("net", 4));
        assertThat(taps).containsEntry("success", false).containsEntry("logs_format", "tap");
        assertThat(list(logsAnswer)).filteredOn(l -> l.get("log_name").equals("install_package.log"))
                .allSatisfy(l -> assertThat(l.get("tap_results")).isEqualTo(List.of()));

        // ---- a release as CreateRelease makes it, into the AlmaLinux product (the reference data's) ----------
        LocalPipeline.Signer signer = pipeline.signer(List.of(platformId));
        pipeline.sign(buildId, signer);
        long productId = list(loggedOut().when().get("/api/v1/products/").then().extract().jsonPath().get("$"))
                .stream().filter(p -> "AlmaLinux".equals(p.get("name"))).map(p -> id(p.get("id"))).findFirst()
                .orElseThrow();
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("builds", List.of(buildId));
        create.put("build_tasks", List.of(src, x86));
        create.put("product_id", productId);
        create.put("platform_id", platformId);
        create.put("reference_platform_id", platformId);
        Object planned = UiCalls.shows(46, admin().contentType(ContentType.JSON).body(create)
                .when().post("/api/v1/releases/new/"));
        long releaseId = id(map(planned).get("id"));
        Object shown = UiCalls.shows(45, loggedOut().when().get("/api/v1/releases/{id}/", releaseId));
        List<Map<String, Object>> packages = list(map(map(shown).get("plan")).get("packages"));
        assertThat(packages).allSatisfy(p -> {
            Map<String, Object> pkg = map(p.get("package"));
            assertThat(pkg.get("artifact_href")).as("the store's handle recorded at import").isNotNull();
            assertThat(pkg).containsEntry("cas_hash", null).containsEntry("href_from_repo", null)
                    .containsEntry("force_not_notarized", false);
        });

        // PackageLocationSelectionForm's save: the package objects as it builds them, force_not_notarized ticked
        List<Map<String, Object>> edited = new ArrayList<>();
        for (Map<String, Object> p : packages) {
            Map<String, Object> pkg = map(p.get("package"));
            Map<String, Object> echoed = new LinkedHashMap<>();
            for (String field : List.of("arch", "artifact_href", "href_from_repo", "epoch", "full_name", "name",
                    "force", "release", "sha256", "cas_hash", "version", "build_id", "source")) {
                echoed.put(field, pkg.get(field));
            }
            echoed.put("force_not_notarized", true);
            edited.add(Map.of("package", echoed, "repositories", p.get("repositories"), "repo_arch_location",
                    p.get("repo_arch_location")));
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("packages", edited);
        plan.put("modules", List.of());
        plan.put("repositories", map(map(shown).get("plan")).get("repositories"));
        UiCalls.shows(47, admin().contentType(ContentType.JSON).body(Map.of("plan", plan))
                .when().put("/api/v1/releases/{id}/", releaseId));
        Object saved = UiCalls.shows(45, loggedOut().when().get("/api/v1/releases/{id}/", releaseId));
        assertThat(list(map(map(saved).get("plan")).get("packages"))).allSatisfy(p -> assertThat(map(p.get("package")))
                .containsEntry("force_not_notarized", true)
                .containsEntry("artifact_href", packages.stream().filter(q -> map(q.get("package")).get("full_name")
                        .equals(map(p.get("package")).get("full_name"))).map(q -> map(q.get("package"))
                        .get("artifact_href")).findFirst().orElseThrow()));
        admin().contentType(ContentType.JSON).body(Map.of("plan", Map.of("packages", List.of(Map.of("package",
                Map.of("full_name", packages.get(0).get("package") instanceof Map<?, ?> m ? m.get("full_name") : "",
                        "force_not_notarized", "yes"), "repositories", packages.get(0).get("repositories"))))))
                .when().put("/api/v1/releases/{id}/", releaseId).then().statusCode(422)
                .body("detail[0].loc", org.hamcrest.Matchers.hasItem("force_not_notarized"));

        UiCalls.shows(48, admin().when().post("/api/v1/releases/{id}/commit/", releaseId));
        JsonPath committed = awaitEnd(releaseId);
        assertThat(committed.getInt("status")).as(committed.getString("plan.last_log")).isEqualTo(3);

        // a second plan of the same build finds each package where the first put it
        Object again = UiCalls.shows(46, admin().contentType(ContentType.JSON).body(create)
                .when().post("/api/v1/releases/new/"));
        Map<String, Object> againPlan = map(map(again).get("plan"));
        Map<String, Object> fromRepos = map(againPlan.get("packages_from_repos"));
        assertThat(fromRepos).isNotEmpty();
        assertThat(list(againPlan.get("packages"))).allSatisfy(p -> {
            Map<String, Object> pkg = map(p.get("package"));
            assertThat(fromRepos).as("%s", pkg.get("full_name")).containsKey((String) pkg.get("full_name"));
            assertThat(pkg.get("href_from_repo")).as("what the commit put into repository %s",
                    fromRepos.get(pkg.get("full_name"))).isNotNull();
        });
        Object feed = UiCalls.shows(44, loggedOut().queryParam("pageNumber", 1).queryParam("product_id", productId)
                .when().get("/api/v1/releases/"));
        assertThat(list(map(feed).get("releases"))).extracting(r -> id(r.get("id")))
                .contains(releaseId, id(map(again).get("id")));
    }

    private static JsonPath awaitEnd(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonPath r = loggedOut().when().get("/api/v1/releases/{id}/", id).then().statusCode(200).extract()
                    .jsonPath();
            if (r.getInt("status") != 2) {
                return r;
            }
            assertThat(System.nanoTime()).as("release %d still in progress", id).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void everyCallOfThisClassWasShown() {
        UiCalls.assertAllShown(UiCalls.LOCAL);
    }
}
