package org.albs.bootstrap.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Talks to the running server the way a client does: the admin's login, service accounts and their tokens. */
public final class Api {
    /** The superuser the test profile creates at start-up (application.properties, %test.albs.admin.*). */
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "admin-password";
    /** Flyway cleans the database before start-up, so the configured superuser is the first row. */
    public static final long ADMIN_ID = 1;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile String adminToken;

    private Api() {
    }

    /** A name no other test (nor an earlier run against the same database) has used. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + SEQUENCE.incrementAndGet();
    }

    /** The admin's access token, from POST /api/v1/auth/login. */
    public static String adminToken() {
        String token = adminToken;
        if (token == null) {
            token = login(ADMIN_EMAIL, ADMIN_PASSWORD);
            adminToken = token;
        }
        return token;
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.URLENC)
                .formParam("username", email).formParam("password", password)
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A request carrying the admin's bearer token. */
    public static RequestSpecification asAdmin() {
        return as(adminToken());
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    /** A verified, non-superuser service account (as for a build node) created through the API, with its token. */
    public static ServiceUser createServiceUser(String prefix) {
        String username = unique(prefix);
        String email = username + "@nodes.example.com";
        long id = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", email))
                .when().post("/api/v1/users/")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return new ServiceUser(id, username, email, issueToken(id, 3600));
    }

    public static String issueToken(long userId, long lifetimeSeconds) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("lifetime_seconds", lifetimeSeconds))
                .when().post("/api/v1/users/{id}/token", userId)
                .then().statusCode(200)
                .extract().path("jwt_token");
    }

    public record ServiceUser(long id, String username, String email, String token) {
        public RequestSpecification request() {
            return as(token);
        }
    }
}
