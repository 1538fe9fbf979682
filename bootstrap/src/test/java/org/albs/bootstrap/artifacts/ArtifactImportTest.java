package org.albs.bootstrap.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.BeholderStub;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.Queue;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A build's packages into its repositories, end to end: nodes over HTTP, the store jobs on PostgreSQL, the Pulp
 * adapter against the suite's stateful fake Pulp, beholder's fake for multilib. No background worker runs: the test
 * runs the jobs (one worker, or two at once as two server instances would) when it wants them to run.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class ArtifactImportTest {
    private static final String PLATFORM = "AlmaLinux-8";

    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    private final PulpStub pulp = PulpStub.shared();
    private Node node;

    @BeforeEach
    void setUp() {
        Queue.retireAllOpenTasks(db);
        node = Node.create("importer");
    }

    private int drain() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    private long createBuild(String... arches) {
        Map<String, Object> body = Node.buildBody(PLATFORM, List.of(arches), true,
                "https://git.almalinux.org/rpms/" + Api.unique("glibc") + ".git");
        long id = Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        return id;
    }

    /** The task handed out, or null when none is. */
    private JsonPath claim(String... arches) {
        return node.getTask(List.of(arches));
    }

    private static Map<String, Object> rpm(String name) {
        return Node.artifact(name, "rpm", 0);
    }

    private void done(long taskId, String status, List<Map<String, Object>> artifacts) {
        node.report(taskId, status, artifacts).then().statusCode(200);
    }

    private long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int changingCalls(int from) {
        return pulp.calls().size() - from;
    }

    private List<String> callSummary(int from) {
        List<String> out = new ArrayList<>();
        for (PulpStub.Call c : pulp.calls().subList(from, pulp.calls().size())) {
            out.add(c.method() + " " + c.path().replace("/pulp/api/v3/", ""));
        }
        return out;
    }

    @Test
    void aBuildsPackagesLandInItsRepositoriesWithNoarchEverywhereAndMultilibInX86() {
        long build = createBuild("i686", "x86_64");
        assertThat(claim("src", "x86_64", "i686")).as("no task before the repositories exist").isNull();
        drain();
        assertThat(pulp.repositories()).contains("build-" + build + "-build_log", "build-" + build + "-test_log",
                PLATFORM + "-i686-" + build + "-br", PLATFORM + "-i686-" + build + "-debug-br",
                PLATFORM + "-x86_64-" + build + "-br", PLATFORM + "-x86_64-" + build + "-debug-br",
                PLATFORM + "-src-" + build + "-br");

        JsonPath src = claim("src", "x86_64");
        String srpm = "glibc-2.28-1.el8.src.rpm";
        BeholderStub.shared().multilib("AlmaLinux", "8", srpm, Map.of("glibc", "2.28"));
        done(src.getLong("id"), "done", List.of(rpm(srpm), Node.artifact("albs.src.log", "build_log", 1)));
        assertThat(claim("x86_64")).as("the arch tasks wait for the SRPM's import").isNull();
        drain();

        // x86_64 finishes first: multilib must not depend on the order (upstream's timing bug)
        JsonPath x86 = claim("x86_64");
        assertThat(x86.getString("built_srpm_url")).as("the real download URL of the SRPM")
                .isEqualTo(pulp.baseUrl() + "/pulp/content/builds/" + PLATFORM + "-src-" + build
                        + "-br/Packages/g/" + srpm);
        assertThat(x86.getList("repositories.name", String.class)).as("the platform's, then the build's own")
                .endsWith(PLATFORM + "-x86_64-" + build + "-br", PLATFORM + "-x86_64-" + build + "-debug-br");
        int before = pulp.calls().size();
        done(x86.getLong("id"), "done", List.of(rpm("glibc-2.28-1.el8.x86_64.rpm"),
                rpm("glibc-debuginfo-2.28-1.el8.x86_64.rpm"), rpm("glibc-doc-2.28-1.el8.noarch.rpm"),
                Node.artifact("albs.x86.log", "build_log", 2)));
        drain();
        List<String> calls = callSummary(before);
        System.out.println("Pulp calls that change state for one reported task (3 packages, 1 log): "
                + calls.size() + " " + calls);
        assertThat(calls.stream().filter(c -> c.startsWith("POST content/"))).as("one creation per new artifact")
                .hasSize(4);
        assertThat(calls.stream().filter(c -> c.contains("/modify/"))).as("one change per touched repository")
                .hasSize(3);
        assertThat(calls.stream().filter(c -> c.startsWith("POST publications/"))).as("one publication each")
                .hasSize(3);
        assertThat(calls).hasSize(10);

        JsonPath i686 = claim("i686");
        done(i686.getLong("id"), "done", List.of(rpm("glibc-2.28-1.el8.i686.rpm"),
                rpm("glibc-doc-2.28-1.el8.noarch.rpm"), Node.artifact("albs.i686.log", "build_log", 3)));
        drain();

        assertThat(count("SELECT count(*) FROM store_jobs WHERE build_id = " + build
                + " AND kind = 'FINALIZE_INDEX' AND status = 2")).isEqualTo(1);
        // AlmaLinux-8 lists i686 first: its noarch copy is the canonical one, in both arch repositories
        String i686Repo = PLATFORM + "-i686-" + build + "-br";
        String x86Repo = PLATFORM + "-x86_64-" + build + "-br";
        List<String> common = new ArrayList<>(pulp.content(x86Repo));
        common.retainAll(pulp.content(i686Repo));
        assertThat(common).as("glibc-doc.noarch (canonical) and glibc.i686 (multilib)").hasSize(2);
        assertThat(pulp.content(x86Repo)).as("glibc.x86_64, glibc.i686, the canonical doc").hasSize(3);
        List<Map<String, Object>> x86Modifies = pulp.modifies(x86Repo);
        assertThat(x86Modifies).hasSize(2);
        assertThat((List<?>) x86Modifies.get(1).get("remove_content_units")).as("x86_64's own doc copy").hasSize(1);
        assertThat(pulp.publications(x86Repo)).isEqualTo(2);

        JsonPath view = Node.getBuild(build);
        assertThat(view.getList("tasks.artifact_imports.state.flatten()", String.class)).containsOnly("done");
        assertThat(view.getList("tasks.find { it.arch == 'x86_64' }.artifacts.name", String.class))
                .as("the x86_64 task carries the multilib package").contains("glibc-2.28-1.el8.i686.rpm");
        assertThat(view.getString("tasks.find { it.arch == 'x86_64' }.artifacts.find { it.name == "
                + "'glibc-doc-2.28-1.el8.noarch.rpm' }.sha256")).as("and the canonical noarch copy")
                .isEqualTo(view.getString("tasks.find { it.arch == 'i686' }.artifacts.find { it.name == "
                        + "'glibc-doc-2.28-1.el8.noarch.rpm' }.sha256"));
        assertThat(view.getList("tasks.artifacts.meta.name.flatten()", String.class)).as("headers kept")
                .contains("glibc", "glibc-doc", "glibc-debuginfo");
    }

    @Test
    void aJobStoppedBetweenStepsFinishesLaterWithoutRepeatingAnyChange() throws Exception {
        long build = createBuild("x86_64");
        drain();
        JsonPath src = claim("src", "x86_64");
        done(src.getLong("id"), "done", List.of(rpm("zlib-1.2-1.el8.src.rpm")));
        drain();
        JsonPath x86 = claim("x86_64");
        done(x86.getLong("id"), "done", List.of(rpm("zlib-1.2-1.el8.x86_64.rpm"),
                Node.artifact("l.log", "build_log", 1)));
        // the worker stops after the first repository change: Pulp fails the next publication for a while
        pulp.failNext("POST", "/publications/", 4, 503);
        drain();
        long running = count("SELECT count(*) FROM store_jobs WHERE build_id = " + build
                + " AND kind = 'IMPORT_ARTIFACTS' AND status = 1");
        assertThat(running).as("backed off, holding its recorded steps").isEqualTo(1);
        TimeUnit.MILLISECONDS.sleep(500);
        drain();
        TimeUnit.MILLISECONDS.sleep(500);
        drain();

        assertThat(count("SELECT count(*) FROM store_jobs WHERE build_id = " + build + " AND status <> 2"))
                .isZero();
        assertThat(pulp.modifies(PLATFORM + "-x86_64-" + build + "-br")).as("the change was not repeated").hasSize(1);
        assertThat(pulp.modifies("build-" + build + "-build_log")).hasSize(1);
        assertThat(pulp.publications(PLATFORM + "-x86_64-" + build + "-br")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM store_job_history h JOIN store_jobs j ON j.id = h.store_job_id"
                + " WHERE j.build_id = " + build + " AND h.event = 'BACK_OFF'")).isPositive();
    }

    @Test
    void twoInstancesWorkOneQueueWithoutDoingAnyJobTwice() throws Exception {
        List<Long> builds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            builds.add(createBuild("x86_64"));
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Integer>> ran = List.of(two.submit(this::drain), two.submit(this::drain));
        int total = ran.get(0).get(30, TimeUnit.SECONDS) + ran.get(1).get(30, TimeUnit.SECONDS);
        assertThat(total).as("the six builds' jobs, and any an earlier test left backing off").isGreaterThanOrEqualTo(6);
        for (long b : builds) {
            assertThat(count("SELECT count(*) FROM store_job_history h JOIN store_jobs j ON j.id = h.store_job_id"
                    + " WHERE j.build_id = " + b + " AND h.event = 'CLAIM'")).as("claimed once").isEqualTo(1);
            long creates = pulp.calls().stream().filter(c -> c.method().equals("POST")
                    && c.path().endsWith("/repositories/rpm/rpm/") && String.valueOf(c.body().get("name"))
                    .equals(PLATFORM + "-x86_64-" + b + "-br")).count();
            assertThat(creates).as("build %d's repository created once", b).isEqualTo(1);
        }
        // and the imports of many reports at once
        Map<Long, Long> reported = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            JsonPath t = claim("src");
            long id = t.getLong("id");
            reported.put(id, t.getLong("build_id"));
            done(id, "done", List.of(rpm("p" + i + "-1-1.el8.src.rpm")));
        }
        ran = List.of(two.submit(this::drain), two.submit(this::drain));
        total = ran.get(0).get(30, TimeUnit.SECONDS) + ran.get(1).get(30, TimeUnit.SECONDS);
        two.shutdown();
        assertThat(total).isGreaterThanOrEqualTo(6);
        assertThat(count("SELECT count(*) FROM store_job_history h JOIN store_jobs j ON j.id = h.store_job_id"
                + " WHERE j.build_task_id IN (" + String.join(",", reported.keySet().stream().map(String::valueOf)
                .toList()) + ") AND h.event = 'CLAIM'")).as("each job claimed once").isEqualTo(6);
        for (long b : reported.values()) {
            assertThat(pulp.modifies(PLATFORM + "-src-" + b + "-br")).hasSize(1);
        }
    }

    @Test
    void badInputFailsTheTaskOrTheJobWithItsReasonAndTheQueueMovesOn() {
        long build = createBuild("x86_64");
        drain();
        // an href Pulp does not know
        JsonPath src = claim("src", "x86_64");
        Map<String, Object> ghost = new LinkedHashMap<>(rpm("ghost-1-1.el8.src.rpm"));
        ghost.put("href", PulpStub.artifactHref());
        done(src.getLong("id"), "done", List.of(ghost));
        drain();
        JsonPath view = Node.getBuild(build);
        assertThat(view.getInt("tasks.find { it.arch == 'src' }.status")).isEqualTo(3);
        assertThat(view.getString("tasks.find { it.arch == 'src' }.error")).contains("Object does not exist");
        assertThat(view.getInt("tasks.find { it.arch == 'x86_64' }.status")).as("fast-failed").isEqualTo(3);
        assertThat(pulp.content(PLATFORM + "-src-" + build + "-br")).as("nothing half-imported").isEmpty();

        // a Pulp that does not answer: the job backs off with the reason; other work goes on meanwhile
        long second = createBuild("x86_64");
        pulp.stall(1500);
        try {
            drain();
        } finally {
            pulp.stall(0);
        }
        List<Map<String, Object>> open = Api.asAdmin().queryParam("build_id", second).when().get("/api/v1/jobs/")
                .then().statusCode(200).extract().jsonPath().getList("jobs");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("state")).isEqualTo("running");
        assertThat(String.valueOf(open.get(0).get("last_error"))).as("names the call and the timeout")
                .contains("GET /pulp/api/v3/repositories/").contains("timeout");
        Api.asAdmin().when().get("/api/v1/jobs/?state=stuck").then().statusCode(400);
        node.account.request().when().get("/api/v1/jobs/").then().statusCode(403);
    }
}
