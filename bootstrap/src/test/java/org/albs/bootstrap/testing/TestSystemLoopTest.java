package org.albs.bootstrap.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.support.AltsStub;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.TestingProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole test loop against the real server and PostgreSQL: a build finishes and its imports complete, test tasks
 * exist, a simulated ALTS polls and posts results exactly as the real one, and statuses, revisions, logs, restart
 * and cancel behave as specified.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(TestingProfile.class)
class TestSystemLoopTest {
    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    private TestingFixture f;

    @BeforeEach
    void setUp() {
        f = new TestingFixture(jobs, db);
        AltsStub.shared().accepting();
    }

    @Test
    void aFinishedBuildIsTestedPackageByPackageAndAltsGetsUpstreamsPayload() {
        long[] ids = f.buildReadyForArch();
        JsonPath before = Node.getBuild(ids[0]);
        assertThat(before.getList("tasks.test_tasks.flatten()")).isEmpty();
        f.node.report(ids[1], "done", List.of(Node.artifact("pkg-1.0-1.el8.x86_64.rpm", "rpm", 0),
                Node.artifact("pkg-doc-1.0-1.el8.noarch.rpm", "rpm", 1),
                Node.artifact("pkg-debuginfo-1.0-1.el8.x86_64.rpm", "rpm", 2),
                Node.artifact("pkg-debugsource-1.0-1.el8.x86_64.rpm", "rpm", 3),
                Node.artifact("albs.log", "build_log", 4))).then().statusCode(200);
        assertThat(f.poll()).as("nothing before the imports are done").isEmpty();
        f.drain();

        JsonPath build = Node.getBuild(ids[0]);
        List<Map<String, Object>> tests = build.getList("tasks.find { it.id == " + ids[1] + " }.test_tasks");
        assertThat(tests).hasSize(2).allSatisfy(t -> {
            assertThat(t).containsEntry("status", 1).containsEntry("revision", 1).containsKey("id")
                    .containsEntry("performance_stats", List.of());
        });
        assertThat(build.getList("tasks.find { it.arch == 'src' }.test_tasks")).isEmpty();

        List<Map<String, Object>> claimed = f.poll();
        assertThat(claimed).hasSize(2);
        Map<String, Object> first = claimed.get(0);
        assertThat(first.keySet()).containsExactlyInAnyOrder("bs_task_id", "runner_type", "dist_name",
                "dist_version", "dist_arch", "package_name", "package_version", "callback_href", "repositories");
        assertThat(claimed).extracting(c -> c.get("package_name")).containsExactly("pkg", "pkg-doc");
        assertThat(first).containsEntry("runner_type", "docker").containsEntry("dist_name", "almalinux")
                .containsEntry("dist_version", "8").containsEntry("dist_arch", "x86_64")
                .containsEntry("package_version", "1.0-1.el8")
                .containsEntry("callback_href", "/api/v1/tests/" + first.get("bs_task_id") + "/result/");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> repos = (List<Map<String, Object>>) first.get("repositories");
        assertThat(repos).extracting(r -> r.get("name")).as("the build's repositories of the arch, then the"
                + " platform's").startsWith(TestingFixture.PLATFORM + "-x86_64-" + ids[0] + "-br",
                TestingFixture.PLATFORM + "-x86_64-" + ids[0] + "-debug-br").hasSizeGreaterThan(2);
        assertThat(repos).allSatisfy(r -> assertThat(r.keySet()).containsExactlyInAnyOrder("name", "baseurl"));
        assertThat(repos.get(0).get("baseurl")).isEqualTo(PulpStub.shared().baseUrl()
                + "/pulp/content/builds/" + TestingFixture.PLATFORM + "-x86_64-" + ids[0] + "-br/");

        f.poll(f.alts).then().statusCode(200).body(equalTo("[]"));
        assertThat(Node.getBuild(ids[0]).getList("tasks.find { it.id == " + ids[1] + " }.test_tasks.status"))
                .containsOnly(2);
    }

    @Test
    void resultsPassFailDuplicateNullStatsAndLogsImportedThroughAJob() {
        long[] ids = f.finishedBuild("a-1-1.el8.x86_64.rpm", "b-1-1.el8.x86_64.rpm", "c-1-1.el8.x86_64.rpm");
        List<Map<String, Object>> claimed = f.poll();
        assertThat(claimed).hasSize(3);
        long pass = id(claimed.get(0));
        long fail = id(claimed.get(1));
        long noStats = id(claimed.get(2));

        Map<String, Object> log = TestingFixture.log("install_package_a.log");
        f.post(pass, TestingFixture.result(true, true, List.of(log))).then().statusCode(200)
                .body("ok", equalTo(true));
        f.post(fail, TestingFixture.result(true, false, List.of())).then().statusCode(200);
        Map<String, Object> nullStats = new java.util.LinkedHashMap<>(TestingFixture.result(true, true, List.of()));
        nullStats.put("stats", null);
        f.post(noStats, nullStats).then().statusCode(200);

        JsonPath latest = TestingFixture.latest(ids[1]);
        assertThat(latest.getList("status", Integer.class)).containsExactly(3, 4, 3);
        assertThat(latest.getString("find { it.id == " + fail + " }.error")).contains("tests/tests_0_check.sh");
        assertThat(latest.getString("find { it.id == " + pass + " }.alts_response.api_version"))
                .isEqualTo("20210512");
        assertThat(latest.getList("find { it.id == " + pass + " }.performance_stats")).hasSize(1);
        assertThat(latest.getList("find { it.id == " + noStats + " }.performance_stats")).isEmpty();
        assertThat(latest.getString("find { it.id == " + pass + " }.started_at")).isEqualTo("2026-01-01T10:00:00.123456");

        // ALTS posts again when its POST failed; and a revoked post for a finished test: 200, nothing changes
        f.post(pass, TestingFixture.result(false, false, List.of())).then().statusCode(200);
        f.post(fail, TestingFixture.revoked()).then().statusCode(200);
        assertThat(TestingFixture.latest(ids[1]).getList("status", Integer.class)).containsExactly(3, 4, 3);

        given().when().get("/api/v1/tests/" + ids[1] + "/logs").then().statusCode(200)
                .body("log_name", equalTo(List.of("install_package_a.log")))
                .body("[0].url", equalTo(null));
        assertThat(f.drain()).isEqualTo(1);
        String repo = "build-" + ids[0] + "-test_log";
        assertThat(PulpStub.shared().content(repo)).hasSize(1);
        given().when().get("/api/v1/tests/" + ids[1] + "/logs").then().statusCode(200)
                .body("[0].test_task_id", equalTo((int) pass))
                .body("[0].url", equalTo(PulpStub.shared().baseUrl() + "/pulp/content/test_logs/" + repo
                        + "/install_package_a.log"));
        Api.asAdmin().queryParam("kind", "import_test_logs").queryParam("build_id", ids[0]).when()
                .get("/api/v1/jobs/").then().statusCode(200).body("jobs[0].state", equalTo("done"))
                .body("jobs[0].test_task_id", equalTo((int) pass));
    }

    @Test
    void aLogTheStoreDoesNotKnowFailsTheImportAndTheTestVisibly() {
        long[] ids = f.finishedBuild("d-1-1.el8.x86_64.rpm");
        long test = id(f.poll().get(0));
        Map<String, Object> unknown = Map.of("name", "x.log", "href", "/pulp/api/v3/artifacts/unknown/");
        f.post(test, TestingFixture.result(true, true, List.of(unknown))).then().statusCode(200);
        f.drain();
        JsonPath latest = TestingFixture.latest(ids[1]);
        assertThat(latest.getInt("[0].status")).isEqualTo(4);
        assertThat(latest.getString("[0].error")).startsWith("Test logs could not be imported:");
        Api.asAdmin().queryParam("kind", "import_test_logs").queryParam("build_id", ids[0]).when()
                .get("/api/v1/jobs/").then().statusCode(200).body("jobs[0].state", equalTo("failed"))
                .body("jobs[0].last_error", notNullValue());
    }

    @Test
    void badInputIsAClear4xxAndWritesNothing() {
        long[] ids = f.finishedBuild("e-1-1.el8.x86_64.rpm");
        long test = id(f.poll().get(0));
        f.post(999_999_999L, TestingFixture.revoked()).then().statusCode(404).body("detail", containsString("999999999"));
        f.post(test, Map.of("api_version", "1", "result", List.of())).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "result")));
        f.post(test, Map.of("result", Map.of())).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "api_version")));
        f.post(test, Map.of("api_version", "1", "result", Map.of(), "stats", "x")).then().statusCode(422);
        f.post(test, Map.of("api_version", "1", "result", Map.of("logs", List.of(Map.of("name", "a.log"))))).then()
                .statusCode(422).body("detail[0].loc", equalTo(List.of("body", "result", "logs", 0, "href")));
        f.post(test, Map.of("api_version", "1", "result", Map.of("x", "a\u0000b"))).then().statusCode(422);
        f.alts.request().contentType(ContentType.JSON).body("[1]").when().post("/api/v1/tests/" + test + "/result/")
                .then().statusCode(422).body("detail", notNullValue());
        f.alts.request().contentType(ContentType.JSON).body("{").when().post("/api/v1/tests/" + test + "/result/")
                .then().statusCode(422).body("detail", notNullValue());
        f.post(0, TestingFixture.revoked()).then().statusCode(422);
        given().contentType(ContentType.JSON).body(TestingFixture.revoked()).when()
                .post("/api/v1/tests/" + test + "/result/").then().statusCode(403);
        assertThat(TestingFixture.latest(ids[1]).getInt("[0].status")).as("nothing half-written").isEqualTo(2);
        assertThat(TestingFixture.latest(ids[1]).getList("[0].history")).hasSize(1);

        given().when().get("/api/v1/tests/999999999/latest").then().statusCode(404).body("detail", notNullValue());
        given().when().get("/api/v1/tests/" + ids[1] + "/7").then().statusCode(404).body("detail", notNullValue());
        given().when().get("/api/v1/tests/" + ids[1] + "/x").then().statusCode(422);
        given().when().get("/api/v1/tests/" + ids[1] + "/-1").then().statusCode(422);
        given().when().get("/api/v1/tests/get_test_tasks/").then().statusCode(403);
    }

    @Test
    void restartMakesANewRevisionWhereATestFailedAndOnlyTheOwnerOrASuperuserMay() {
        long[] ids = f.finishedBuild("f-1-1.el8.x86_64.rpm", "g-1-1.el8.x86_64.rpm");
        List<Map<String, Object>> claimed = f.poll();
        f.post(id(claimed.get(0)), TestingFixture.result(true, true, List.of())).then().statusCode(200);
        f.post(id(claimed.get(1)), TestingFixture.result(false, true, List.of())).then().statusCode(200);

        Api.ServiceUser stranger = Api.createServiceUser("stranger");
        stranger.request().when().put("/api/v1/tests/build/" + ids[0] + "/restart").then().statusCode(403)
                .body("detail", notNullValue());
        stranger.request().when().put("/api/v1/tests/build_task/" + ids[1] + "/restart").then().statusCode(403);
        f.owner.request().when().put("/api/v1/tests/build/999999999/restart").then().statusCode(404);

        f.owner.request().when().put("/api/v1/tests/build/" + ids[0] + "/restart").then().statusCode(200)
                .body("ok", equalTo(true));
        JsonPath latest = TestingFixture.latest(ids[1]);
        assertThat(latest.getList("revision", Integer.class)).containsExactly(2, 2);
        assertThat(latest.getList("status", Integer.class)).containsExactly(1, 1);
        given().when().get("/api/v1/tests/" + ids[1] + "/1").then().statusCode(200)
                .body("status", equalTo(List.of(3, 4)));
        given().when().get("/api/v1/tests/" + ids[1] + "/0").then().statusCode(200)
                .body("revision", equalTo(List.of(2, 2)));

        // nothing failed in revision 2 yet: a build restart adds nothing; a build-task restart always does
        f.owner.request().when().put("/api/v1/tests/build/" + ids[0] + "/restart").then().statusCode(200);
        assertThat(TestingFixture.latest(ids[1]).getList("revision", Integer.class)).containsExactly(2, 2);
        Api.asAdmin().when().put("/api/v1/tests/build_task/" + ids[1] + "/restart").then().statusCode(200);
        assertThat(TestingFixture.latest(ids[1]).getList("revision", Integer.class)).containsExactly(3, 3);
        assertThat(Node.getBuild(ids[0]).getList("tasks.find { it.id == " + ids[1] + " }.test_tasks.revision",
                Integer.class)).containsExactly(1, 1, 2, 2, 3, 3);
    }

    @Test
    void cancelEndsWaitingTestsAtOnceAndStartedOnesWhenAltsConfirms() {
        long[] ids = f.finishedBuild("h-1-1.el8.x86_64.rpm", "i-1-1.el8.x86_64.rpm", "j-1-1.el8.x86_64.rpm");
        List<Map<String, Object>> claimed = f.poll();
        long started1 = id(claimed.get(0));
        long started2 = id(claimed.get(1));
        long startedDone = id(claimed.get(2));
        f.post(startedDone, TestingFixture.result(true, true, List.of())).then().statusCode(200);
        f.owner.request().when().put("/api/v1/tests/build_task/" + ids[1] + "/restart").then().statusCode(200);

        Api.createServiceUser("stranger2").request().when().put("/api/v1/tests/build/" + ids[0] + "/cancel").then()
                .statusCode(403);
        f.owner.request().when().put("/api/v1/tests/build/" + ids[0] + "/cancel").then().statusCode(200)
                .body("ok", equalTo(true));
        assertThat(TestingFixture.latest(ids[1]).getList("status", Integer.class)).as("revision 2 was waiting")
                .containsOnly(5);
        assertThat(Node.getBuild(ids[0]).getBoolean("cancel_testing")).isTrue();
        given().when().get("/api/v1/tests/" + ids[1] + "/1").then().body("status", equalTo(List.of(2, 2, 3)));

        // ALTS posts revoked for one while the cancel is on its way
        f.post(started1, TestingFixture.revoked()).then().statusCode(200);
        f.drain();
        assertThat(AltsStub.shared().cancels()).hasSize(1);
        assertThat(AltsStub.shared().cancels().get(0).getHeader("Authorization")).isEqualTo("Bearer " + AltsStub.TOKEN);
        assertThat(AltsStub.shared().cancels().get(0).getBodyAsString()).isEqualToIgnoringWhitespace(
                "{\"bs_task_ids\":[" + started1 + "," + started2 + "]}");
        given().when().get("/api/v1/tests/" + ids[1] + "/1").then().body("status", equalTo(List.of(5, 5, 3)));
        assertThat(f.poll()).as("nothing to hand out").isEmpty();
    }

    @Test
    void twoConcurrentPollersNeverGetTheSameTask() throws Exception {
        String[] rpms = new String[15];
        for (int i = 0; i < rpms.length; i++) {
            rpms[i] = "p" + i + "-1-1.el8.x86_64.rpm";
        }
        f.finishedBuild(rpms);
        Api.ServiceUser other = Api.createServiceUser("alts-2");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> polls = new ArrayList<>();
            for (Api.ServiceUser who : List.of(f.alts, other)) {
                Callable<List<Integer>> poll = () -> f.poll(who).then().statusCode(200).extract().jsonPath()
                        .getList("bs_task_id", Integer.class);
                polls.add(pool.submit(poll));
            }
            List<Integer> a = polls.get(0).get(30, TimeUnit.SECONDS);
            List<Integer> b = polls.get(1).get(30, TimeUnit.SECONDS);
            Set<Integer> all = new HashSet<>(a);
            all.addAll(b);
            assertThat(a.size() + b.size()).as("at most ten each").isEqualTo(all.size());
            assertThat(a).hasSizeLessThanOrEqualTo(10);
            assertThat(b).hasSizeLessThanOrEqualTo(10);
            List<Integer> rest = f.poll(f.alts).jsonPath().getList("bs_task_id", Integer.class);
            assertThat(rest).doesNotContainAnyElementsOf(all);
            all.addAll(rest);
            assertThat(all).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long id(Map<String, Object> payload) {
        return ((Number) payload.get("bs_task_id")).longValue();
    }
}
