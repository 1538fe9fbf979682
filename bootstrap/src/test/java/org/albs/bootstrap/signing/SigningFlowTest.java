package org.albs.bootstrap.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.SignNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing end to end: sign keys and sign tasks through the API, two simulated sign nodes speaking clients.md §2.1,
 * the signing store job on PostgreSQL against the suite's fake Pulp (uploads and content both go through it), and the
 * build's repositories' contents checked in the store, not only in the database.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class SigningFlowTest {
    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    private final PulpStub pulp = PulpStub.shared();
    private SignedBuilds builds;

    @BeforeEach
    void setUp() {
        builds = new SignedBuilds(jobs, db);
    }

    private static String srpm(String name) {
        return name + "-1.0-1.el8.src.rpm";
    }

    private long ready(String name) {
        return builds.readyBuild(srpm(name), List.of(name + "-1.0-1.el8.x86_64.rpm",
                name + "-debuginfo-1.0-1.el8.x86_64.rpm", name + "-doc-1.0-1.el8.noarch.rpm"));
    }

    private static String repo(String arch, long build, boolean debug) {
        return SignedBuilds.PLATFORM + "-" + arch + "-" + build + (debug ? "-debug" : "") + "-br";
    }

    @Test
    void twoNodesEachGetOnlyTheirKeysTasksAndTheSignedPackagesReplaceTheUnsignedOnes() {
        String[] a = SignNode.newKey();
        String[] b = SignNode.newKey();
        long keyA = SignNode.createKey(a[0], a[1]);
        long keyB = SignNode.createKey(b[0], b[1]);
        long buildA = ready("alpha");
        long buildB = ready("beta");
        long taskA = SignNode.createSignTask(buildA, keyA);
        long taskB = SignNode.createSignTask(buildB, keyB);
        SignNode nodeA = SignNode.create("signer-a", a[0]);
        SignNode nodeB = SignNode.create("signer-b", b[0].toUpperCase());

        JsonPath gotA = nodeA.getSignTask();
        assertThat(gotA.getLong("id")).isEqualTo(taskA);
        assertThat(nodeA.getSignTask()).as("one task per node, never the same one twice").isNull();
        JsonPath gotB = nodeB.getSignTask();
        assertThat(gotB.getLong("id")).isEqualTo(taskB);
        assertThat(nodeB.getSignTask()).isNull();

        assertThat(gotA.getLong("build_id")).isEqualTo(buildA);
        assertThat(gotA.getString("keyid")).isEqualTo(a[0].toUpperCase());
        assertThat(gotA.getBoolean("sign_files")).isFalse();
        assertThat(gotA.getList("packages.name", String.class)).containsExactly(srpm("alpha"),
                "alpha-1.0-1.el8.x86_64.rpm", "alpha-debuginfo-1.0-1.el8.x86_64.rpm", "alpha-doc-1.0-1.el8.noarch.rpm");
        assertThat(gotA.getList("packages.arch", String.class)).containsExactly("src", "x86_64", "x86_64", "x86_64");
        assertThat(gotA.getList("packages.type", String.class)).containsOnly("rpm");
        assertThat(gotA.getString("packages[0].download_url")).isEqualTo(pulp.baseUrl() + "/pulp/content/builds/"
                + repo("src", buildA, false) + "/Packages/a/" + srpm("alpha"));
        assertThat(gotA.getString("packages[2].download_url")).contains(repo("x86_64", buildA, true));
        assertThat(gotA.getMap("packages[0]")).containsKeys("id", "cas_hash");

        Set<String> unsignedX86 = pulp.content(repo("x86_64", buildA, false));
        Map<String, Object> report = SignNode.signed(gotA, a[1]);
        assertThat(nodeA.complete(taskA, report).then().statusCode(200).extract().asString())
                .isEqualTo("{\"success\":true}");
        assertThat(SignNode.signTask(buildA).getInt("[0].status")).as("processed by a job, not the request")
                .isEqualTo(2);
        int before = pulp.calls().size();
        builds.drain();

        JsonPath task = SignNode.signTask(buildA);
        assertThat(task.getInt("[0].status")).isEqualTo(3);
        assertThat(task.getString("[0].error_message")).isNull();
        assertThat(task.getLong("[0].sign_key.id")).isEqualTo(keyA);
        assertThat(task.getString("[0].started_at")).isEqualTo("2026-01-01T10:00:00.000001");
        assertThat(task.getInt("[0].stats.sign_packages_time")).isEqualTo(2);
        assertThat(pulp.calls().subList(before, pulp.calls().size()).stream()
                .filter(c -> c.path().endsWith("/modify/")).count()).as("one change per repository").isEqualTo(3);
        assertThat(pulp.publications(repo("x86_64", buildA, false))).isGreaterThanOrEqualTo(2);

        JsonPath build = Node.getBuild(buildA);
        assertThat(build.getBoolean("signed")).isTrue();
        assertThat(build.getLong("sign_key_id")).isEqualTo(keyA);
        List<Map<String, Object>> rpms = build.getList("tasks.artifacts.flatten().findAll { it.type == 'rpm' }");
        assertThat(rpms).isNotEmpty().allSatisfy(r -> assertThat(((Number) r.get("sign_key_id")).longValue())
                .isEqualTo(keyA));
        Set<String> signedHandles = new java.util.HashSet<>();
        for (Map<String, Object> p : packages(report)) {
            String sha = (String) p.get("sha256");
            rpms.stream().filter(r -> r.get("name").equals(p.get("name"))).forEach(r -> {
                assertThat(r.get("sha256")).isEqualTo(sha);
                assertThat(r.get("href")).isEqualTo(p.get("href"));
            });
        }
        for (String r : List.of(repo("x86_64", buildA, false), repo("x86_64", buildA, true), repo("src", buildA,
                false))) {
            Set<String> content = pulp.content(r);
            assertThat(content).as(r).isNotEmpty();
            signedHandles.addAll(content);
        }
        assertThat(pulp.content(repo("x86_64", buildA, false))).as("the signed units replaced the unsigned ones")
                .hasSize(unsignedX86.size()).doesNotContainAnyElementsOf(unsignedX86);

        // build B is untouched by A's signing; B's node signs it with B's key
        assertThat(Node.getBuild(buildB).getBoolean("signed")).isFalse();
        nodeB.complete(taskB, SignNode.signed(gotB, b[1])).then().statusCode(200);
        builds.drain();
        assertThat(SignNode.signTask(buildB).getInt("[0].status")).isEqualTo(3);
        assertThat(Node.getBuild(buildB).getLong("sign_key_id")).isEqualTo(keyB);
    }

    @Test
    void aWrongFingerprintFailsTheTaskNamingThePackagesAndChangesNothing() {
        String[] k = SignNode.newKey();
        long key = SignNode.createKey(k[0], k[1]);
        long build = ready("gamma");
        long id = SignNode.createSignTask(build, key);
        SignNode node = SignNode.create("signer", k[0]);
        JsonPath got = node.getSignTask();
        Set<String> unsigned = pulp.content(repo("x86_64", build, false));
        node.complete(id, SignNode.signed(got, SignNode.newKey()[1])).then().statusCode(200);
        builds.drain();
        JsonPath task = SignNode.signTask(build);
        assertThat(task.getInt("[0].status")).isEqualTo(4);
        assertThat(task.getString("[0].error_message")).contains("another key").contains("gamma-1.0-1.el8.x86_64.rpm");
        assertThat(Node.getBuild(build).getBoolean("signed")).isFalse();
        assertThat(pulp.content(repo("x86_64", build, false))).isEqualTo(unsigned);
        // a failed task lets the build be signed again
        SignNode.createSignTask(build, key);
    }

    @Test
    void missingPackagesOrAnUnknownHrefFailTheTaskAndASecondCompleteNeverUndoesIt() {
        String[] k = SignNode.newKey();
        long key = SignNode.createKey(k[0], k[1]);
        long build = ready("delta");
        long id = SignNode.createSignTask(build, key);
        SignNode node = SignNode.create("signer", k[0]);
        JsonPath got = node.getSignTask();
        Map<String, Object> report = SignNode.signed(got, k[1]);
        List<Map<String, Object>> packages = new java.util.ArrayList<>(packages(report));
        packages.remove(1);
        node.complete(id, SignNode.success(build, packages)).then().statusCode(200);
        builds.drain();
        assertThat(SignNode.signTask(build).getString("[0].error_message"))
                .contains("missing from the report: delta-1.0-1.el8.x86_64.rpm");

        // the node's second, failed complete after a first one: 200, nothing changes
        node.complete(id, SignNode.failure(build, "Processing failed: 500 Server Error")).then().statusCode(200)
                .body("success", org.hamcrest.Matchers.is(true));
        assertThat(SignNode.signTask(build).getString("[0].error_message")).contains("missing from the report");

        long again = SignNode.createSignTask(build, key);
        JsonPath second = node.getSignTask();
        assertThat(second.getLong("id")).isEqualTo(again);
        Map<String, Object> unknownHref = SignNode.signed(second, k[1]);
        packages(unknownHref).get(0).put("href", PulpStub.artifactHref());
        node.complete(again, unknownHref).then().statusCode(200);
        builds.drain();
        JsonPath tasks = SignNode.signTask(build);
        assertThat(tasks.getInt("[0].status")).isEqualTo(4);
        assertThat(tasks.getString("[0].error_message")).startsWith("Signed packages refused:");
        assertThat(Node.getBuild(build).getBoolean("signed")).isFalse();

        // completed, then a late failure report: still completed
        long third = SignNode.createSignTask(build, key);
        JsonPath t3 = node.getSignTask();
        node.complete(third, SignNode.signed(t3, k[1])).then().statusCode(200);
        node.complete(third, SignNode.failure(build, "Processing failed")).then().statusCode(200);
        builds.drain();
        node.complete(third, SignNode.failure(build, "Processing failed")).then().statusCode(200);
        assertThat(SignNode.signTask(build).getInt("[0].status")).isEqualTo(3);
        assertThat(Node.getBuild(build).getBoolean("signed")).isTrue();
        assertThat(count("SELECT count(*) FROM sign_task_history WHERE sign_task_id = " + third
                + " AND reason LIKE 'report ignored:%'")).isEqualTo(2);
    }

    @Test
    void aTaskWhoseNodeDiedIsTakenOverAfterTheLeaseAndFailsWhenEveryAttemptIsSpent() {
        String[] k = SignNode.newKey();
        long key = SignNode.createKey(k[0], k[1]);
        long build = ready("epsilon");
        long id = SignNode.createSignTask(build, key);
        SignNode dead = SignNode.create("dead", k[0]);
        SignNode alive = SignNode.create("alive", k[0]);
        assertThat(dead.getSignTask().getLong("id")).isEqualTo(id);
        assertThat(alive.getSignTask()).as("held by a live lease").isNull();
        expireLease(id);
        JsonPath taken = alive.getSignTask();
        assertThat(taken.getLong("id")).isEqualTo(id);
        // the dead node comes back and reports: it no longer holds the task, nothing changes
        dead.complete(id, SignNode.signed(taken, k[1])).then().statusCode(200);
        assertThat(SignNode.signTask(build).getInt("[0].attempt")).isEqualTo(2);
        assertThat(SignNode.signTask(build).getLong("[0].lease_holder")).isEqualTo(alive.account.id());
        expireLease(id);
        assertThat(alive.getSignTask().getLong("id")).isEqualTo(id);
        expireLease(id);
        assertThat(alive.getSignTask()).as("third attempt spent: the task fails instead").isNull();
        JsonPath task = SignNode.signTask(build);
        assertThat(task.getInt("[0].status")).isEqualTo(4);
        assertThat(task.getString("[0].error_message")).contains("Sign task failed").contains("attempt 3 of 3");
    }

    /** The lease runs out: the configured PT2H, shortened here by moving the whole lease into the past. */
    private void expireLease(long id) {
        builds.sql("UPDATE sign_tasks SET lease_renewed_at = now() AT TIME ZONE 'UTC' - interval '2 hours 1 second',"
                + " lease_expires_at = now() AT TIME ZONE 'UTC' - interval '1 second' WHERE id = " + id);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> packages(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("packages");
    }

    private long count(String sql) {
        try (var c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
