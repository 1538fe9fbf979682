package org.albs.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.adapter.in.rest.platform.PlatformRequest;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** Readiness and the start-up tasks: what it shows, and the look at the database that lets it come early. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class StartupTasksReadinessTest {
    @Inject
    DataSource db;
    @Inject
    AlbsConfig config;
    @Inject
    ObjectMapper json;

    @Test
    void readinessShowsTheStartupTasks() {
        // the test profile runs them before the server starts
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Start-up tasks' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Start-up tasks' }.data.state", equalTo("done"));
    }

    @Test
    void theSuperuserAndEveryPlatformAreThereOnlyOnceCreated() throws Exception {
        List<PlatformRequest> defs = StartupTasks.readPlatforms(json, (String) null);
        assertThat(StartupTasks.alreadyThere(db, config, defs)).isTrue();

        List<PlatformRequest> more = new ArrayList<>(defs);
        more.add(new PlatformRequest("Not-Created-Yet", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        assertThat(StartupTasks.alreadyThere(db, config, more)).isFalse();
    }
}
