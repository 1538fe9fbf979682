package org.albs.bootstrap.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.anyOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API description an operator relies on. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class OperationsEndpointsTest {
    @Inject
    AgroalDataSource ds;

    /** The pool's sessions plan prepared statements once, without JIT or parallel workers (application.properties). */
    @Test
    void pooledConnectionsUseGenericPlansWithoutJitOrParallelWorkers() throws Exception {
        assertEquals("force_generic_plan", setting("plan_cache_mode"));
        assertEquals("off", setting("jit"));
        assertEquals("0", setting("max_parallel_workers_per_gather"));
    }

    private String setting(String name) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW " + name)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void healthIsUpAndChecksTheDatabase() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    @Test
    void readinessIsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/api/v1/platforms/").then().statusCode(200);

        given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count{"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("openapi", anyOf(containsString("3.")))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/platforms"));
    }
}
