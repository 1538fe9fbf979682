package org.albs.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.operations.GrafanaDashboard;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Queue;
import org.junit.jupiter.api.Test;

/** The operator's metrics on /q/metrics follow what happens in the farm, and the dashboard asks for real ones. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class OperatorMetricsTest {
    @Inject
    OperatorMetrics metrics;
    @Inject
    AgroalDataSource db;

    @Test
    void tasksBuildsAndClaimsAreCountedAndEveryDashboardMetricExists() throws Exception {
        Queue.retireAllOpenTasks(db);
        metrics.sample();
        double builds = value("albs_builds_created_total", "").orElse(0.0);
        double claims = value("albs_task_events_total", "event=\"claim\"").orElse(0.0);

        String arch = "s390x";
        long build = Api.asAdmin().contentType(ContentType.JSON)
                .body(Node.buildBody("AlmaLinux-9", List.of(arch), true,
                        "https://git.almalinux.org/rpms/" + Api.unique("metrics") + ".git"))
                .when().post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        Node node = Node.create("metrics");
        // handed out once the background workers have made its repositories (slow on a loaded machine)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (node.getTask(List.of("src", arch)) == null) {
            assertThat(System.nanoTime()).as("a task of build %d is handed out", build).isLessThan(deadline);
            Thread.sleep(100);
        }
        metrics.sample();

        assertThat(value("albs_tasks_in_flight", "arch=\"src\",platform=\"AlmaLinux-9\"")).as("the claimed one")
                .hasValue(1.0);
        assertThat(value("albs_tasks_waiting", "arch=\"" + arch + "\",platform=\"AlmaLinux-9\""))
                .as("the one waiting for it").hasValue(1.0);
        assertThat(value("albs_builds_created_total", "")).hasValueSatisfying(n -> assertThat(n).isGreaterThan(builds));
        assertThat(value("albs_task_events_total", "event=\"claim\""))
                .hasValueSatisfying(n -> assertThat(n).isGreaterThan(claims));
        assertThat(value("albs_store_job_oldest_seconds", "kind=\"create_repositories\"")).isPresent();

        String exposition = metricsText();
        for (String metric : GrafanaDashboard.read().metrics()) {
            assertThat(exposition).as("the dashboard's %s is exposed", metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
    }

    private static String metricsText() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labels}. */
    private static Optional<Double> value(String name, String labels) {
        for (String line : metricsText().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String head = line.substring(0, line.lastIndexOf(' '));
                if (head.contains(labels)) {
                    return Optional.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        }
        return Optional.empty();
    }
}
