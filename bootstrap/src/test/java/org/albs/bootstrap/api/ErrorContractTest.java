package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Tokens;
import org.junit.jupiter.api.Test;

/** Errors the framework raises still answer JSON {"detail": ...} with the right status, never a 500. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class ErrorContractTest {
    @TestHTTPResource("/api/v1/platforms/")
    URL platforms;

    @Test
    void unknownRouteIsNotFoundJson() {
        Api.asAdmin().when().get("/api/v1/no-such-thing/")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Not Found"));
    }

    @Test
    void unknownSubRouteOfAKnownResourceIsNotFoundJson() {
        Api.asAdmin().when().get("/api/v1/platforms/1/nothing-here")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Not Found"));
    }

    @Test
    void wrongMethodIsMethodNotAllowedJson() {
        Api.asAdmin().when().delete("/api/v1/platforms/")
                .then().statusCode(405)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Method Not Allowed"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaTypeJson() {
        Api.asAdmin().contentType(ContentType.TEXT).body("name=AlmaLinux-10")
                .when().post("/api/v1/platforms/")
                .then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Unsupported Media Type: send application/json"));
    }

    @Test
    void jsonLoginIsUnsupportedMediaTypeJson() {
        given().contentType(ContentType.JSON).body("{\"username\": \"a\", \"password\": \"b\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Unsupported Media Type: send application/json"));
    }

    /**
     * The server refuses the body from its Content-Length alone. The client asks for "100 Continue" first, as curl
     * does for big bodies, so it is not writing into a connection the server has already closed.
     */
    @Test
    void bodyOverFourMegabytesIsTooLarge() throws Exception {
        byte[] big = ("{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(platforms.toURI())
                        .header("Authorization", Tokens.bearer(Api.adminToken()))
                        .header("Content-Type", "application/json")
                        .expectContinue(true)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEmpty();
        given().when().get("/api/v1/platforms/").then().statusCode(200);
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        String name = "x".repeat(3 * 1024 * 1024);
        Api.asAdmin().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .when().put("/api/v1/platforms/")
                .then().statusCode(422)
                .body("detail[0].loc", org.hamcrest.Matchers.contains("body", "name"))
                .body("detail[0].type", equalTo("string_too_long"));
    }
}
