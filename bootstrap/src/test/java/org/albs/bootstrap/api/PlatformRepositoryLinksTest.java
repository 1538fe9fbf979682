package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.albs.bootstrap.api.PlatformBodies.platform;
import static org.albs.bootstrap.api.PlatformBodies.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PATCH /api/v1/platforms/{id}/add-repositories and /remove-repositories. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PlatformRepositoryLinksTest {
    private static final String NOT_AN_INTEGER = "Input should be a valid integer, unable to parse string as an integer";

    long platformId;
    String platformName;
    long repoA;
    long repoB;
    String donorName;

    /** An empty platform, and two repositories that belong to another ("donor") platform. */
    @BeforeEach
    void platforms() {
        platformName = Api.unique("Linked");
        platformId = PlatformApiTest.create(platform(platformName)).getLong("id");
        donorName = Api.unique("Donor");
        JsonPath donor = PlatformApiTest.create(platform(donorName,
                repo(donorName + "-a", "x86_64"), repo(donorName + "-b", "aarch64")));
        repoA = donor.getLong("repos[0].id");
        repoB = donor.getLong("repos[1].id");
    }

    @Test
    void addLinksRepositoriesInOrderAndOnlyOnce() {
        patch("add", List.of(repoA)).then().statusCode(200)
                .body("id", equalTo((int) platformId))
                .body("repos.id", contains((int) repoA));
        patch("add", List.of(repoB, repoA)).then().statusCode(200)
                .body("repos.id", contains((int) repoA, (int) repoB));

        given().when().get("/api/v1/platforms/").then().statusCode(200)
                .body("find { it.name == '" + platformName + "' }.repos.id", contains((int) repoA, (int) repoB));
    }

    @Test
    void removeUnlinksButKeepsTheRepository() {
        patch("add", List.of(repoA, repoB)).then().statusCode(200);

        patch("remove", List.of(repoA)).then().statusCode(200)
                .body("repos.id", contains((int) repoB));
        patch("remove", List.of(repoB, repoA)).then().statusCode(200)
                .body("repos", empty());

        Api.asAdmin().when().get("/api/v1/repositories/{id}/", repoA).then().statusCode(200);
        JsonPath list = given().when().get("/api/v1/platforms/").then().extract().jsonPath();
        assertThat(list.getList("find { it.name == '" + donorName + "' }.repos.id", Long.class))
                .containsExactly(repoA, repoB);
    }

    @Test
    void emptyListChangesNothing() {
        patch("add", List.of(repoA)).then().statusCode(200);
        patch("add", List.of()).then().statusCode(200).body("repos.id", contains((int) repoA));
        patch("remove", List.of()).then().statusCode(200).body("repos.id", contains((int) repoA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "remove"})
    void unknownPlatformIsNotFound(String action) {
        Api.asAdmin().contentType(ContentType.JSON).body(List.of(repoA))
                .when().patch("/api/v1/platforms/{id}/" + action + "-repositories", 987_654_321L)
                .then().statusCode(404)
                .body("detail", equalTo("Platform with id 987654321 is not found"));
    }

    @Test
    void addingUnknownRepositoryIsNotFoundAndLinksNothing() {
        patch("add", List.of(repoA, 987_654_321L)).then().statusCode(404)
                .body("detail", equalTo("Repositories with ids [987654321] are not found"));

        given().when().get("/api/v1/platforms/").then()
                .body("find { it.name == '" + platformName + "' }.repos", empty());
    }

    @ParameterizedTest
    @CsvSource({
            "add, abc, int_parsing, " + "'" + NOT_AN_INTEGER + "'",
            "add, 99999999999999999999, int_parsing, " + "'" + NOT_AN_INTEGER + "'",
            "add, -1, greater_than, Input should be greater than 0",
            "remove, abc, int_parsing, " + "'" + NOT_AN_INTEGER + "'",
            "remove, 99999999999999999999, int_parsing, " + "'" + NOT_AN_INTEGER + "'",
            "remove, -1, greater_than, Input should be greater than 0"})
    void badPlatformIdIsUnprocessable(String action, String id, String type, String msg) {
        Api.asAdmin().contentType(ContentType.JSON).body(List.of(repoA))
                .when().patch("/api/v1/platforms/" + id + "/" + action + "-repositories")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("path", "platform_id"))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "remove"})
    void bodyThatIsNotAListIsUnprocessable(String action) {
        Api.asAdmin().contentType(ContentType.JSON).body("{\"ids\": [1]}")
                .when().patch("/api/v1/platforms/{id}/" + action + "-repositories", platformId)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("type_error"))
                .body("detail[0].msg", equalTo("Input should be a valid list"));
    }

    @Test
    void listItemThatIsNotAnIntegerIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("[\"abc\"]")
                .when().patch("/api/v1/platforms/{id}/add-repositories", platformId)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", 0))
                .body("detail[0].type", equalTo("type_error"))
                .body("detail[0].msg", equalTo("Input should be a valid integer"));
    }

    @Test
    void listItemThatIsNotPositiveIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("[" + repoA + ", -1]")
                .when().patch("/api/v1/platforms/{id}/add-repositories", platformId)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", 1))
                .body("detail[0].type", equalTo("value_error"))
                .body("detail[0].msg", equalTo("repository id must be a positive integer"));
    }

    @Test
    void listItemBeyondALongIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("[99999999999999999999]")
                .when().patch("/api/v1/platforms/{id}/add-repositories", platformId)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", 0))
                .body("detail[0].msg", equalTo("number out of range"));
    }

    @Test
    void missingBodyIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .when().patch("/api/v1/platforms/{id}/add-repositories", platformId)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("missing"));
    }

    @Test
    void nonSuperuserMayNotChangeLinks() {
        Api.ServiceUser node = Api.createServiceUser("linker");
        node.request().contentType(ContentType.JSON).body(List.of(repoA))
                .when().patch("/api/v1/platforms/{id}/add-repositories", platformId)
                .then().statusCode(403)
                .body("detail", equalTo("Forbidden: superuser rights are required"));
        given().contentType(ContentType.JSON).body(List.of(repoA))
                .when().patch("/api/v1/platforms/{id}/remove-repositories", platformId)
                .then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
    }

    private io.restassured.response.Response patch(String action, List<Long> ids) {
        return Api.asAdmin().contentType(ContentType.JSON).body(ids)
                .when().patch("/api/v1/platforms/{id}/" + action + "-repositories", platformId);
    }
}
