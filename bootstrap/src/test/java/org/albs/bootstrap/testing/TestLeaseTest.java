package org.albs.bootstrap.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.support.AltsStub;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.TestingProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases of tests (3 s, two attempts, TestingProfile) and cancellations when ALTS does not answer: a test ALTS
 * drops comes back after its lease and fails after the last attempt; a cancel ALTS never confirms fails its job
 * visibly while the tests stay started.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(TestingProfile.class)
class TestLeaseTest {
    private static final long LEASE_MILLIS = 3_000;

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
    void aTestNeverReportedComesBackAfterItsLeaseAndFailsAfterTheLastAttempt() throws InterruptedException {
        long[] ids = f.finishedBuild("lost-1-1.el8.x86_64.rpm");
        List<Map<String, Object>> first = f.poll();
        assertThat(first).hasSize(1);
        Object id = first.get(0).get("bs_task_id");
        assertThat(f.poll()).as("leased").isEmpty();

        Thread.sleep(LEASE_MILLIS + 300);
        List<Map<String, Object>> again = f.poll();
        assertThat(again).extracting(p -> p.get("bs_task_id")).containsExactly(id);
        JsonPath latest = TestingFixture.latest(ids[1]);
        assertThat(latest.getInt("[0].status")).isEqualTo(2);
        assertThat(latest.getInt("[0].attempt")).isEqualTo(2);
        assertThat(latest.getList("[0].history.event")).containsExactly("CLAIM", "RECLAIM");
        assertThat(latest.getString("[0].history[1].reason")).contains("expired");

        Thread.sleep(LEASE_MILLIS + 300);
        assertThat(f.poll()).as("the last attempt's lease ran out: failed, not handed out").isEmpty();
        latest = TestingFixture.latest(ids[1]);
        assertThat(latest.getInt("[0].status")).isEqualTo(4);
        assertThat(latest.getString("[0].error")).contains("attempt 2 of 2").contains("no test system reported");
        assertThat(latest.getList("[0].history.event")).containsExactly("CLAIM", "RECLAIM", "LEASE_EXHAUSTED");
    }

    @Test
    void aResultFromALeaseTakenOverIsStillAcceptedAndTheHistorySaysSo() throws InterruptedException {
        long[] ids = f.finishedBuild("late-1-1.el8.x86_64.rpm");
        long id = ((Number) f.poll().get(0).get("bs_task_id")).longValue();
        Thread.sleep(LEASE_MILLIS + 300);
        assertThat(f.poll()).hasSize(1);
        f.post(id, TestingFixture.result(true, true, List.of())).then().statusCode(200);
        JsonPath latest = TestingFixture.latest(ids[1]);
        assertThat(latest.getInt("[0].status")).isEqualTo(3);
        assertThat(latest.getString("[0].history[2].reason")).contains("taken over");
    }

    @Test
    void altsFlakyOnceStillCancelsWithinTheAdaptersRetry() {
        long[] ids = f.finishedBuild("flaky-1-1.el8.x86_64.rpm");
        f.poll();
        AltsStub.shared().failing(1);
        f.owner.request().when().put("/api/v1/tests/build/" + ids[0] + "/cancel").then().statusCode(200);
        f.drain();
        assertThat(AltsStub.shared().cancels()).hasSize(2);
        assertThat(TestingFixture.latest(ids[1]).getInt("[0].status")).isEqualTo(5);
        assertThat(TestingFixture.latest(ids[1]).getList("[0].history.event")).containsExactly("CLAIM", "REVOKE");
    }

    @Test
    void altsDownLongerThanTheRetriesFailsTheJobVisiblyAndTheTestsStayStarted() throws InterruptedException {
        long[] ids = f.finishedBuild("down-1-1.el8.x86_64.rpm");
        f.poll();
        AltsStub.shared().down();
        f.owner.request().when().put("/api/v1/tests/build/" + ids[0] + "/cancel").then().statusCode(200);
        for (int i = 0; i < 20 && !jobState(ids[0]).equals("failed"); i++) {
            f.drain();
            Thread.sleep(250);
        }
        Api.asAdmin().queryParam("kind", "cancel_tests").queryParam("build_id", ids[0]).when().get("/api/v1/jobs/")
                .then().statusCode(200).body("jobs[0].state", equalTo("failed"))
                .body("jobs[0].last_error", containsString("ALTS did not answer"));
        assertThat(AltsStub.shared().cancels()).as("two attempts of the job, each retried once").hasSize(4);
        assertThat(TestingFixture.latest(ids[1]).getInt("[0].status")).isEqualTo(2);
        given().when().get("/api/v1/tests/" + ids[1] + "/latest").then().body("[0].status", equalTo(2));
    }

    private static String jobState(long build) {
        List<String> states = Api.asAdmin().queryParam("kind", "cancel_tests").queryParam("build_id", build).when()
                .get("/api/v1/jobs/").then().extract().jsonPath().getList("jobs.state", String.class);
        return states.isEmpty() ? "" : states.get(0);
    }
}
