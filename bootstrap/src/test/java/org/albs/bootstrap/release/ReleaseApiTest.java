package org.albs.bootstrap.release;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.LocalPipeline;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad request to the release endpoints: a clear 4xx with a {@code detail}, and nothing written. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class ReleaseApiTest {
    @TempDir
    Path work;

    private static long releaseCount() {
        return Api.asAdmin().queryParam("pageNumber", 1).when().get("/api/v1/releases/").then().statusCode(200)
                .extract().jsonPath().getLong("total_releases");
    }

    @Test
    void badPlansAreRefusedWithTheFieldsNamedAndNothingIsWritten() throws Exception {
        long al8 = ReleaseFlowTest.platformId("AlmaLinux-8");
        long al9 = ReleaseFlowTest.platformId("AlmaLinux-9");
        LocalPipeline.Built built = new LocalPipeline(work).build(Node.create("relapi"), "AlmaLinux-8",
                List.of("x86_64"), Api.unique("relapi"));
        long buildId = built.buildId();
        long unfinished = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/" + Api.unique("unfinished") + ".git")).getLong("id");
        long before = releaseCount();

        ReleaseFlowTest.create(Map.of("builds", List.of(999_999_999L), "platform_id", al8)).statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "builds", 0)))
                .body("detail[0].msg", containsString("does not exist"));
        ReleaseFlowTest.create(Map.of("builds", List.of(unfinished), "platform_id", al8)).statusCode(422)
                .body("detail[0].msg", containsString("is not finished"));
        // its tasks must not wait for the nodes of other tests
        Api.asAdmin().when().patch("/api/v1/builds/{id}/cancel", unfinished).then().statusCode(200);
        ReleaseFlowTest.create(Map.of("builds", List.of(buildId), "platform_id", al9)).statusCode(422)
                .body("detail[0].msg", containsString("compatible_release_platforms"));
        ReleaseFlowTest.create(Map.of("builds", List.of(buildId), "platform_id", 999_999)).statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "platform_id")));
        ReleaseFlowTest.create(Map.of("builds", List.of(), "platform_id", al8)).statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "builds")));
        ReleaseFlowTest.create(Map.of("builds", List.of(buildId))).statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "platform_id")));
        ReleaseFlowTest.create(Map.of("builds", List.of(buildId), "build_tasks", List.of(999_999_999L),
                "platform_id", al8)).statusCode(422).body("detail[0].msg", containsString("no packages"));
        ReleaseFlowTest.create(Map.of("builds", "nope", "platform_id", al8)).statusCode(422);
        Api.asAdmin().contentType(ContentType.JSON).body("{\"builds\": [").when().post("/api/v1/releases/new/")
                .then().statusCode(422).body("detail", org.hamcrest.Matchers.notNullValue());
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("builds", List.of(buildId), "platform_id",
                al8)).when().post("/api/v1/releases/new/").then().statusCode(403);
        Api.ServiceUser stranger = Api.createServiceUser("stranger");
        stranger.request().contentType(ContentType.JSON).body(Map.of("builds", List.of(buildId), "platform_id",
                al8)).when().post("/api/v1/releases/new/").then().statusCode(403)
                .body("detail", containsString("Only the owner of build " + buildId));
        org.assertj.core.api.Assertions.assertThat(releaseCount()).as("nothing was written").isEqualTo(before);

        // the release pages read product.id/name/title (frontend-calls.md #44, #45); a release goes into a product
        // that is not a community product (the distribution's own)
        String product = Api.unique("relprod");
        long adminId = Api.asAdmin().when().get("/api/v1/users/me").then().statusCode(200).extract().jsonPath()
                .getLong("id");
        long productId = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", product, "owner_id",
                String.valueOf(adminId), "title", "T " + product, "platforms", List.of(), "is_community", false))
                .when()
                .post("/api/v1/products/").then().statusCode(200).extract().jsonPath().getLong("id");
        long releaseId = ReleaseFlowTest.create(Map.of("builds", List.of(buildId), "platform_id", al8,
                "product_id", productId)).statusCode(200).body("product.id", equalTo((int) productId))
                .body("product.name", equalTo(product)).extract().jsonPath().getLong("id");
        RestAssured.given().when().get("/api/v1/releases/{id}/", releaseId).then().statusCode(200)
                .body("product.id", equalTo((int) productId)).body("product.name", equalTo(product))
                .body("product.title", equalTo("T " + product));
        RestAssured.given().queryParam("pageNumber", 1).queryParam("product_id", productId).when()
                .get("/api/v1/releases/").then().statusCode(200).body("releases[0].product.name", equalTo(product));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("plan", Map.of("packages", List.of(
                Map.of("package", Map.of("artifact_id", 999_999_999L), "repositories", List.of(Map.of("id", 1))),
                Map.of("package", Map.of("full_name", "nope.rpm"), "repositories", List.of()),
                Map.of("package", Map.of(), "repositories", List.of())))))
                .when().put("/api/v1/releases/{id}/", releaseId).then().statusCode(422)
                .body("detail.loc", equalTo(List.of(List.of("body", "plan", "packages", 2, "package"))));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("plan", Map.of("packages", List.of(
                Map.of("package", Map.of("artifact_id", 999_999_999L), "repositories", List.of(Map.of("id", 1))),
                Map.of("package", Map.of("full_name", "nope.rpm"), "repositories", List.of())))))
                .when().put("/api/v1/releases/{id}/", releaseId).then().statusCode(422)
                .body("detail.loc", equalTo(List.of(List.of("body", "plan", "packages", 0, "package"),
                        List.of("body", "plan", "packages", 1, "package"))));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("plan", Map.of("packages", "x")))
                .when().put("/api/v1/releases/{id}/", releaseId).then().statusCode(422);
        stranger.request().when().post("/api/v1/releases/{id}/commit/", releaseId).then().statusCode(403);
        stranger.request().when().delete("/api/v1/releases/{id}/delete", releaseId).then().statusCode(403);
        Api.asAdmin().when().post("/api/v1/releases/{id}/revert/", releaseId).then().statusCode(409)
                .body("detail", containsString("it cannot be reverted (only a completed release can)"));
        ReleaseFlowTest.release(releaseId);

        Api.asAdmin().when().get("/api/v1/releases/{id}/", 999_999_999L).then().statusCode(404)
                .body("detail", equalTo("Release with ID 999999999 not found"));
        Api.asAdmin().when().get("/api/v1/releases/abc/").then().statusCode(422);
        Api.asAdmin().when().post("/api/v1/releases/{id}/commit/", 999_999_999L).then().statusCode(404);
        Api.asAdmin().queryParam("pageNumber", 0).when().get("/api/v1/releases/").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "pageNumber")));
        Api.asAdmin().queryParam("pageNumber", 1).queryParam("status", 9).when().get("/api/v1/releases/").then()
                .statusCode(422).body("detail[0].loc", equalTo(List.of("query", "status")));
        RestAssured.given().when().get("/api/v1/releases/").then().statusCode(200)
                .body("id", hasItem((int) releaseId));

        Api.asAdmin().when().delete("/api/v1/releases/{id}/delete", releaseId).then().statusCode(204);
        Api.asAdmin().when().get("/api/v1/releases/{id}/", releaseId).then().statusCode(404);
        RestAssured.given().when().get("/api/v1/releases/").then().statusCode(200)
                .body("id", not(hasItem((int) releaseId)));
    }
}
