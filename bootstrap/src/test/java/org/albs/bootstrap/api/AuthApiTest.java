package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Tokens;
import org.junit.jupiter.api.Test;

/** Bearer tokens (upstream fastapi-users HS256) and the password login, with upstream's status codes. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class AuthApiTest {
    /**
     * Made by PyJWT 2.6.0, as upstream does:
     * {@code jwt.encode({"sub": "1", "aud": ["fastapi-users:auth"], "exp": 4102444800},
     * "test-secret-for-the-albs-test-suite", algorithm="HS256")}.
     */
    static final String PYJWT_TOKEN_FOR_USER_1 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxIiwiYXVkIjpbImZhc3RhcGktdXNlcnM6YXV0aCJdLCJleHAiOjQxMDI0NDQ4MDB9"
            + ".mBT26NVnhTuDtgehENlQ6vhCLzPwUZPlKHp4RHNak3s";

    @Inject
    AgroalDataSource db;

    @Test
    void tokenMadeByPyJwtIsAccepted() {
        Api.as(PYJWT_TOKEN_FOR_USER_1)
                .when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("id", equalTo(1))
                .body("email", equalTo(Api.ADMIN_EMAIL))
                .body("is_superuser", equalTo(true));
    }

    @Test
    void tokenMadeByTheTestMinterIsAccepted() {
        Api.as(Tokens.valid(Api.ADMIN_ID))
                .when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("id", equalTo((int) Api.ADMIN_ID));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        assertUnauthorized(Tokens.expired(Api.ADMIN_ID));
    }

    @Test
    void tokenSignedWithAnotherSecretIsUnauthorized() {
        assertUnauthorized(Tokens.wrongSecret(Api.ADMIN_ID));
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorized() {
        assertUnauthorized(Tokens.wrongAudience(Api.ADMIN_ID));
    }

    @Test
    void tokenWithNonNumericSubjectIsUnauthorized() {
        assertUnauthorized(Tokens.nonNumericSubject());
    }

    @Test
    void tokenOfUnknownUserIsUnauthorized() {
        assertUnauthorized(Tokens.valid(987_654_321L));
    }

    @Test
    void garbageTokenIsUnauthorized() {
        assertUnauthorized("not.a.jwt");
    }

    @Test
    void missingAuthorizationHeaderIsForbiddenNotAuthenticated() {
        given().when().get("/api/v1/users/me")
                .then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void basicSchemeIsForbidden() {
        given().auth().preemptive().basic(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)
                .when().get("/api/v1/users/me")
                .then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Invalid authentication credentials"));
    }

    @Test
    void inactiveUserIsUnauthorized() throws SQLException {
        Api.ServiceUser user = Api.createServiceUser("inactive");
        user.request().when().get("/api/v1/users/me").then().statusCode(200);

        sql("UPDATE users SET is_active = FALSE WHERE id = ?", user.id());

        assertUnauthorized(user.token());
    }

    @Test
    void unverifiedUserIsForbidden() throws SQLException {
        Api.ServiceUser user = Api.createServiceUser("unverified");
        sql("UPDATE users SET is_verified = FALSE WHERE id = ?", user.id());

        user.request().when().get("/api/v1/users/me")
                .then().statusCode(403)
                .body("detail", equalTo("Forbidden"));
    }

    @Test
    void loginReturnsABearerTokenThatWorks() {
        String token = given().contentType(ContentType.URLENC)
                .formParam("username", Api.ADMIN_EMAIL).formParam("password", Api.ADMIN_PASSWORD)
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .body("token_type", equalTo("bearer"))
                .body("access_token", not(emptyOrNullString()))
                .extract().path("access_token");

        Api.as(token).when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("email", equalTo(Api.ADMIN_EMAIL));
    }

    @Test
    void loginWithWrongPasswordIsBadCredentials() {
        given().contentType(ContentType.URLENC)
                .formParam("username", Api.ADMIN_EMAIL).formParam("password", "wrong-password")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
    }

    @Test
    void loginOfUnknownEmailIsBadCredentials() {
        given().contentType(ContentType.URLENC)
                .formParam("username", "nobody@example.com").formParam("password", Api.ADMIN_PASSWORD)
                .when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
    }

    @Test
    void loginOfServiceAccountWithoutPasswordIsBadCredentials() {
        Api.ServiceUser user = Api.createServiceUser("nopassword");
        given().contentType(ContentType.URLENC)
                .formParam("username", user.email()).formParam("password", "anything-at-all")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
    }

    @Test
    void loginWithoutFieldsIsUnprocessable() {
        given().contentType(ContentType.URLENC)
                .formParam("unrelated", "x")
                .when().post("/api/v1/auth/login")
                .then().statusCode(422)
                .body("detail", hasSize(2))
                .body("detail.loc", containsInAnyOrder(List.of("body", "username"), List.of("body", "password")))
                .body("detail.type", contains("missing", "missing"))
                .body("detail.msg", contains("Field required", "Field required"));
    }

    @Test
    void loginWithoutPasswordIsUnprocessable() {
        given().contentType(ContentType.URLENC)
                .formParam("username", Api.ADMIN_EMAIL)
                .when().post("/api/v1/auth/login")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "password"))
                .body("detail[0].type", equalTo("missing"));
    }

    private static void assertUnauthorized(String token) {
        Api.as(token).when().get("/api/v1/users/me")
                .then().statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("detail", equalTo("Unauthorized"));
    }

    private void sql(String statement, long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, id);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no row changed by " + statement);
            }
        }
    }
}
