package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/v1/repositories/ and /api/v1/repositories/{id}/. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class RepositoryApiTest {
    private static final String NOT_AN_INTEGER = "Input should be a valid integer, unable to parse string as an integer";

    @Test
    void listHoldsTheReferenceRepositories() {
        List<String> names = Api.asAdmin().when().get("/api/v1/repositories/")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("name", String.class);
        // AlmaLinux-8 and -9 have three repositories for each of five architectures (name repeats per arch)
        assertThat(names).contains("almalinux-8-baseos", "almalinux-9-appstream");
        assertThat(names.size()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void anyVerifiedUserMayList() {
        Api.createServiceUser("reader").request().when().get("/api/v1/repositories/")
                .then().statusCode(200);
    }

    @Test
    void listNeedsAToken() {
        given().when().get("/api/v1/repositories/")
                .then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
        Api.as(Tokens.expired(Api.ADMIN_ID)).when().get("/api/v1/repositories/")
                .then().statusCode(401)
                .body("detail", equalTo("Unauthorized"));
    }

    @Test
    void limitAndOffsetPage() {
        List<Long> all = Api.asAdmin().when().get("/api/v1/repositories/")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertThat(all).isSorted().hasSizeGreaterThan(3);

        List<Long> page = Api.asAdmin().queryParam("limit", 2).queryParam("offset", 1)
                .when().get("/api/v1/repositories/")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertThat(page).containsExactly(all.get(1), all.get(2));

        Api.asAdmin().queryParam("offset", all.size())
                .when().get("/api/v1/repositories/")
                .then().statusCode(200).body("", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource({
            "limit, abc, int_parsing, '" + NOT_AN_INTEGER + "'",
            "limit, 0, value_error, limit must be between 1 and 10000",
            "limit, 10001, value_error, limit must be between 1 and 10000",
            "limit, 99999999999, value_error, number out of range",
            "offset, -1, value_error, offset must not be negative",
            "offset, x, int_parsing, '" + NOT_AN_INTEGER + "'"})
    void badPagingIsUnprocessable(String param, String value, String type, String msg) {
        Api.asAdmin().queryParam(param, value)
                .when().get("/api/v1/repositories/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("query", param))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));
    }

    @Test
    void getOneReturnsTheRepository() {
        long id = Api.asAdmin().queryParam("limit", 1)
                .when().get("/api/v1/repositories/")
                .then().statusCode(200).extract().jsonPath().getLong("[0].id");

        Api.asAdmin().when().get("/api/v1/repositories/{id}/", id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("name", startsWith("almalinux-"))
                .body("type", equalTo("rpm"))
                .body("debug", equalTo(false))
                .body("priority", equalTo(10))
                .body("production", equalTo(true))
                .body("mock_enabled", equalTo(true))
                .body("url", startsWith("https://repo.almalinux.org/almalinux/"));
    }

    @Test
    void getOneNeedsAToken() {
        given().when().get("/api/v1/repositories/1/")
                .then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void unknownRepositoryIsNotFound() {
        Api.asAdmin().when().get("/api/v1/repositories/{id}/", 987_654_321L)
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Repository with id 987654321 is not found"));
    }

    @ParameterizedTest
    @CsvSource({
            "abc, int_parsing, '" + NOT_AN_INTEGER + "'",
            "99999999999999999999, int_parsing, '" + NOT_AN_INTEGER + "'",
            "-1, greater_than, Input should be greater than 0",
            "0, greater_than, Input should be greater than 0"})
    void badRepositoryIdIsUnprocessable(String id, String type, String msg) {
        Api.asAdmin().when().get("/api/v1/repositories/" + id + "/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("path", "repository_id"))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));
    }
}
