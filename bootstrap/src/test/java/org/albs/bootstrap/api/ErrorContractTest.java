package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

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
     * The server refuses the body from its Content-Length alone, before a byte of it is sent (a raw socket: the
     * request announces 5 MiB and sends nothing), with a JSON detail, and closes the connection.
     */
    @Test
    void bodyOverFourMegabytesIsTooLarge() throws Exception {
        String head = "POST " + platforms.getPath() + " HTTP/1.1\r\n"
                + "Host: " + platforms.getHost() + ":" + platforms.getPort() + "\r\n"
                + "Authorization: " + Tokens.bearer(Api.adminToken()) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + 5 * 1024 * 1024 + "\r\n\r\n";
        String response;
        try (Socket socket = new Socket(platforms.getHost(), platforms.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the server closes the connection after its answer, so reading to the end terminates
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        assertThat(response).endsWith("\r\n\r\n{\"detail\":\"Request body too large: the limit is 4194304 bytes\"}");
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
