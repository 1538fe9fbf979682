package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Service accounts for build nodes and their long-lived tokens. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class UserApiTest {
    @Inject
    AgroalDataSource db;

    @Test
    void superuserCreatesAVerifiedNonSuperuser() {
        String username = Api.unique("node");
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com"))
                .when().post("/api/v1/users/")
                .then().statusCode(201)
                .body("id", greaterThan(1))
                .body("username", equalTo(username))
                .body("email", equalTo(username + "@example.com"))
                .body("is_active", equalTo(true))
                .body("is_verified", equalTo(true))
                .body("is_superuser", equalTo(false));
    }

    @Test
    void duplicateUsernameOrEmailIsConflict() {
        Api.ServiceUser existing = Api.createServiceUser("dup");

        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", existing.username(), "email", Api.unique("other") + "@example.com"))
                .when().post("/api/v1/users/")
                .then().statusCode(409)
                .body("detail", startsWith("A user with username '" + existing.username() + "'"));
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", Api.unique("other"), "email", existing.email()))
                .when().post("/api/v1/users/")
                .then().statusCode(409)
                .body("detail", startsWith("A user with username"));
    }

    @Test
    void nonSuperuserMayNotCreateUsers() {
        Api.ServiceUser node = Api.createServiceUser("plain");
        String username = Api.unique("victim");
        node.request().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com"))
                .when().post("/api/v1/users/")
                .then().statusCode(403)
                .body("detail", equalTo("Forbidden: superuser rights are required"));
    }

    @Test
    void creatingUsersNeedsAToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "x", "email", "x@example.com"))
                .when().post("/api/v1/users/")
                .then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void missingFieldsAreUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(2))
                .body("detail.loc", containsInAnyOrder(List.of("body", "username"), List.of("body", "email")))
                .body("detail.type", contains("missing", "missing"))
                .body("detail.msg", contains("Field required", "Field required"));
    }

    @Test
    void badEmailIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", Api.unique("bademail"), "email", "not-an-email"))
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "email"))
                .body("detail[0].type", equalTo("value_error"))
                .body("detail[0].msg", equalTo("value is not a valid email address"));
    }

    @Test
    void badUsernameIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", "has spaces", "email", Api.unique("u") + "@example.com"))
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "username"))
                .body("detail[0].type", equalTo("value_error"));
    }

    @Test
    void wrongJsonTypeIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": [\"a\"], \"email\": \"a@example.com\"}")
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "username"))
                .body("detail[0].type", equalTo("type_error"))
                .body("detail[0].msg", equalTo("Input should be a valid string"));
    }

    @Test
    void bodyThatIsNotAnObjectIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("type_error"))
                .body("detail[0].msg", equalTo("Input should be a valid dictionary"));
    }

    @Test
    void malformedJsonIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("{\"username\": ")
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("json_invalid"))
                .body("detail[0].msg", startsWith("JSON decode error"));
    }

    @Test
    void emptyBodyIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .when().post("/api/v1/users/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("missing"))
                .body("detail[0].msg", equalTo("Field required"));
    }

    @Test
    void issuedTokenAuthenticatesTheUser() {
        Api.ServiceUser node = Api.createServiceUser("tokened");
        String token = Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", 31_557_600))
                .when().post("/api/v1/users/{id}/token", node.id())
                .then().statusCode(200)
                .extract().path("jwt_token");

        Api.as(token).when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("id", equalTo((int) node.id()))
                .body("username", equalTo(node.username()))
                .body("is_superuser", equalTo(false));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -31_557_600, 1_000_000_000_000L})
    void lifetimeOutOfBoundsIsUnprocessable(long lifetime) {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", lifetime))
                .when().post("/api/v1/users/{id}/token", Api.ADMIN_ID)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "lifetime_seconds"))
                .body("detail[0].type", equalTo("value_error"))
                .body("detail[0].msg", startsWith("lifetime_seconds must be between 1 and "));
    }

    @Test
    void lifetimeBeyondAnIntegerIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .body("{\"lifetime_seconds\": 99999999999999999999999}")
                .when().post("/api/v1/users/{id}/token", Api.ADMIN_ID)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "lifetime_seconds"))
                .body("detail[0].msg", equalTo("number out of range"));
    }

    @Test
    void missingLifetimeIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/users/{id}/token", Api.ADMIN_ID)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "lifetime_seconds"))
                .body("detail[0].type", equalTo("missing"))
                .body("detail[0].msg", equalTo("Field required"));
    }

    @Test
    void lifetimeOfWrongTypeIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("{\"lifetime_seconds\": \"a year\"}")
                .when().post("/api/v1/users/{id}/token", Api.ADMIN_ID)
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "lifetime_seconds"))
                .body("detail[0].type", equalTo("type_error"))
                .body("detail[0].msg", equalTo("Input should be a valid integer"));
    }

    @Test
    void tokenForUnknownUserIsNotFound() {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", 60))
                .when().post("/api/v1/users/{id}/token", 987_654_321L)
                .then().statusCode(404)
                .body("detail", equalTo("User with id 987654321 is not found"));
    }

    @ParameterizedTest
    @CsvSource({
            "abc, int_parsing, 'Input should be a valid integer, unable to parse string as an integer'",
            "99999999999999999999, int_parsing, 'Input should be a valid integer, unable to parse string as an integer'",
            "1.5, int_parsing, 'Input should be a valid integer, unable to parse string as an integer'",
            "-1, greater_than, Input should be greater than 0",
            "0, greater_than, Input should be greater than 0"})
    void badUserIdIsUnprocessable(String id, String type, String msg) {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", 60))
                .when().post("/api/v1/users/" + id + "/token")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("path", "user_id"))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));
    }

    @Test
    void tokenForInactiveUserIsConflict() throws SQLException {
        Api.ServiceUser node = Api.createServiceUser("retired");
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE users SET is_active = FALSE WHERE id = ?")) {
            ps.setLong(1, node.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", 60))
                .when().post("/api/v1/users/{id}/token", node.id())
                .then().statusCode(409)
                .body("detail", equalTo("User with id " + node.id() + " is not active"));
    }

    @Test
    void nonSuperuserMayNotIssueTokens() {
        Api.ServiceUser node = Api.createServiceUser("selfissuer");
        node.request().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", 60))
                .when().post("/api/v1/users/{id}/token", Api.ADMIN_ID)
                .then().statusCode(403)
                .body("detail", equalTo("Forbidden: superuser rights are required"));
    }

    @Test
    void meDescribesTheCaller() {
        Api.asAdmin().when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("id", equalTo((int) Api.ADMIN_ID))
                .body("username", equalTo("admin"))
                .body("email", equalTo(Api.ADMIN_EMAIL))
                .body("is_active", equalTo(true))
                .body("is_verified", equalTo(true))
                .body("is_superuser", equalTo(true));
    }
}
