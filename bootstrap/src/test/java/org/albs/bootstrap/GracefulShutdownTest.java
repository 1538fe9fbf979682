package org.albs.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one database: "A" is a second set of {@link StoreJobWorkers} beside the server under
 * test ("B"), which runs no background worker of its own. A is shut down (its ShutdownEvent observer) while its
 * worker waits for Pulp in the middle of a job; B takes the job over at once, not after the job's ten-minute lease.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class GracefulShutdownTest {
    @Inject
    StoreJobService service;
    @Inject
    StoreJobs jobs;
    @Inject
    Transactions tx;
    @Inject
    AlbsConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    AgroalDataSource db;

    private final PulpStub pulp = PulpStub.shared();

    @AfterEach
    void pulpAnswersAgain() {
        pulp.stall(0);
    }

    @Test
    void aJobReleasedOnShutdownIsTakenOverByTheOtherInstanceAtOnce() throws Exception {
        assertThat(config.jobs().leaseDuration()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        sql("UPDATE store_jobs SET status = " + StoreJobStatus.FAILED.code() + ", error = 'retired by a test'"
                + " WHERE status IN (" + StoreJobStatus.WAITING.code() + ", " + StoreJobStatus.RUNNING.code() + ")");
        pulp.stall(120_000);
        long build = Api.asAdmin().contentType(ContentType.JSON)
                .body(Node.buildBody("AlmaLinux-8", List.of("x86_64"), true,
                        "https://git.almalinux.org/rpms/" + Api.unique("shutdown") + ".git"))
                .when().post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        String job = "SELECT %s FROM store_jobs WHERE build_id = " + build;

        StoreJobWorkers instanceA = new StoreJobWorkers(service, jobs, tx, withOneWorker(config), registry);
        instanceA.start(null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (number(job.formatted("status")) != StoreJobStatus.RUNNING.code()) {
            assertThat(System.nanoTime()).as("instance A claims the job").isLessThan(deadline);
            Thread.sleep(50);
        }
        long holderA = number(job.formatted("lease_holder"));
        Thread.sleep(300); // A is now waiting for the stalled Pulp

        long stopping = System.nanoTime();
        instanceA.stop(null);
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

        assertThat(stopTook).as("A stops without waiting for Pulp").isLessThan(Duration.ofSeconds(6));
        assertThat(text(job.formatted("error"))).startsWith("released: the server shut down");
        assertThat(number(job.formatted("count(*)") + " AND lease_expires_at <= now()"))
                .as("its lease ended when A let it go (not ten minutes later)").isEqualTo(1);

        pulp.stall(0);
        UserId workerB = service.newWorker();
        assertThat(service.workOnce(workerB)).as("B claims it at once").isTrue();
        assertThat(number(job.formatted("status"))).isEqualTo(StoreJobStatus.DONE.code());
        String history = "SELECT count(*) FROM store_job_history h JOIN store_jobs j ON j.id = h.store_job_id"
                + " WHERE j.build_id = " + build + " AND h.event = '%s' AND h.actor_user_id = %d";
        assertThat(number(history.formatted("CLAIM", holderA))).as("claimed by A").isEqualTo(1);
        assertThat(number(history.formatted("RECLAIM", workerB.value()))).as("then taken over by B").isEqualTo(1);
        assertThat(workerB.value()).isNotEqualTo(holderA);
    }

    @Test
    void aStoppedInstanceClaimsNothingMore() throws Exception {
        StoreJobWorkers instanceA = new StoreJobWorkers(service, jobs, tx, withOneWorker(config), registry);
        instanceA.start(null);
        instanceA.stop(null);
        sql("UPDATE store_jobs SET status = " + StoreJobStatus.FAILED.code() + ", error = 'retired by a test'"
                + " WHERE status IN (" + StoreJobStatus.WAITING.code() + ", " + StoreJobStatus.RUNNING.code() + ")");
        long build = Api.asAdmin().contentType(ContentType.JSON)
                .body(Node.buildBody("AlmaLinux-8", List.of("x86_64"), true,
                        "https://git.almalinux.org/rpms/" + Api.unique("stopped") + ".git"))
                .when().post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        Thread.sleep(1_000);

        assertThat(number("SELECT status FROM store_jobs WHERE build_id = " + build))
                .isEqualTo(StoreJobStatus.WAITING.code());
        UserId workerB = service.newWorker();
        assertThat(service.workOnce(workerB)).isTrue();
    }

    /** The server's configuration, with one job worker (the server under test runs none). */
    private static AlbsConfig withOneWorker(AlbsConfig config) {
        AlbsConfig.Jobs jobs = (AlbsConfig.Jobs) Proxy.newProxyInstance(AlbsConfig.class.getClassLoader(),
                new Class<?>[] {AlbsConfig.Jobs.class}, (proxy, method, args) ->
                        method.getName().equals("workers") ? 1 : invoke(method, config.jobs(), args));
        return (AlbsConfig) Proxy.newProxyInstance(AlbsConfig.class.getClassLoader(),
                new Class<?>[] {AlbsConfig.class}, (proxy, method, args) ->
                        method.getName().equals("jobs") ? jobs : invoke(method, config, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void sql(String update) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(update);
        }
    }

    private long number(String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getLong(1);
        }
    }

    private String text(String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getString(1);
        }
    }
}
