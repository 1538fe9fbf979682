package org.albs.bootstrap.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** The health paths deploy/ probes exist on the server and answer UP once it has started. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class DeployProbePathsTest {
    /** Every path the Dockerfiles, compose.yaml and the k8s manifests may probe (DeployManifestsTest). */
    static final Set<String> PROBED = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    @Test
    void everyProbedPathAnswersUp() throws Exception {
        assertThat(PROBED).containsAll(DeployManifests.ofRepository().probePaths().keySet());
        for (String path : PROBED) {
            given().when().get(path).then().statusCode(200);
        }
    }
}
