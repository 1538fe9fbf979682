package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.GithubStub;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Tokens;
import org.junit.jupiter.api.Test;

/** Both GitHub logins end to end against the suite's fake GitHub; the users list and its administration. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class GithubLoginApiTest {
    private static final AtomicLong ACCOUNTS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 10);
    private final GithubStub github = GithubStub.shared();

    private static long account() {
        return ACCOUNTS.incrementAndGet();
    }

    private Response seedLogin(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("user", Map.of("code", code)))
                .when().post("/api/v1/users/login/github");
    }

    @Test
    void aNewMemberSignsInVerifiedAndAReturningOneIsTheSameUser() {
        long id = account();
        String login = Api.unique("octo");
        Response first = seedLogin(github.code(id, login, login + "@github.example", true));
        first.then().statusCode(200).body("username", equalTo(login)).body("email", equalTo(login + "@github.example"));
        int userId = first.path("id");
        String token = first.path("jwt_token");

        Api.as(token).when().get("/api/v1/users/").then().statusCode(200).body("id", equalTo(userId))
                .body("is_verified", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("code", github.code(id, login + "-new", "x" + login + "@github.example", true)))
                .when().post("/api/v1/users/login/github")
                .then().statusCode(200).body("id", equalTo(userId)).body("username", equalTo(login));
    }

    @Test
    void aServiceAccountIsMatchedByEmail() {
        Api.ServiceUser node = Api.createServiceUser("matched");
        seedLogin(github.code(account(), Api.unique("gh"), node.email(), false))
                .then().statusCode(200).body("id", equalTo((int) node.id())).body("username", equalTo(node.username()));
    }

    @Test
    void aNonMemberWaitsUntilASuperuserVerifiesThem() {
        String login = Api.unique("outsider");
        Response in = seedLogin(github.code(account(), login, login + "@github.example", false));
        in.then().statusCode(200);
        String token = in.path("jwt_token");
        int id = in.path("id");

        Api.as(token).when().get("/api/v1/users/").then().statusCode(403).body("detail", equalTo("Forbidden"));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "is_verified", true))
                .when().put("/api/v1/users/{id}", id)
                .then().statusCode(200).body("success", equalTo(true));
        Api.as(token).when().get("/api/v1/users/").then().statusCode(200).body("is_verified", equalTo(true));
    }

    @Test
    void aDeactivatedUserCannotSignInAndTheirTokenStopsWorking() {
        long account = account();
        String login = Api.unique("gone");
        Response in = seedLogin(github.code(account, login, login + "@github.example", true));
        int id = in.path("id");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("is_active", false))
                .when().put("/api/v1/users/{id}", id).then().statusCode(200);

        seedLogin(github.code(account, login, login + "@github.example", true))
                .then().statusCode(400).body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
        Api.as(in.path("jwt_token")).when().get("/api/v1/users/").then().statusCode(401);
    }

    @Test
    void githubTroubleIsAClearAnswer() {
        seedLogin("never-issued").then().statusCode(400).body("detail", startsWith("OAUTH_CODE_REJECTED"));
        seedLogin(github.failingCode(500)).then().statusCode(502).body("detail", containsString("500"));
        seedLogin(github.code(account(), Api.unique("noemail"), null, true))
                .then().statusCode(400).body("detail", startsWith("OAUTH_NOT_AVAILABLE_EMAIL"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/users/login/github")
                .then().statusCode(422).body("detail[0].loc", contains("body", "code"));
        given().contentType(ContentType.JSON).body("{\"user\": {}}").when().post("/api/v1/users/login/github")
                .then().statusCode(422).body("detail[0].loc", contains("body", "user", "code"));
    }

    private String state() {
        String url = given().when().get("/api/v1/auth/github/authorize").then().statusCode(200)
                .body("authorization_url", startsWith(github.baseUrl() + "/login/oauth/authorize?"))
                .extract().path("authorization_url");
        String query = URLDecoder.decode(URI.create(url).getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).contains("scope=read:user user:email read:org",
                "redirect_uri=http://localhost:8080/api/v1/auth/github/callback");
        return URLDecoder.decode(URI.create(url).getRawQuery().replaceFirst(".*state=([^&]*).*", "$1"),
                StandardCharsets.UTF_8);
    }

    @Test
    void theBrowserLoginSetsTheCookieWhichAuthenticatesLikeTheBearerToken() {
        String login = Api.unique("browser");
        String state = state();
        Response callback = given().redirects().follow(false)
                .queryParam("code", github.code(account(), login, login + "@github.example", true))
                .queryParam("state", state)
                .when().get("/api/v1/auth/github/callback");
        callback.then().statusCode(302).header("Location", equalTo("http://localhost:8080/auth/login/finished"));
        String setCookie = callback.header("Set-Cookie");
        assertThat(setCookie).startsWith("albs=").contains("Max-Age=86400").contains("Path=/")
                .doesNotContain("Secure").doesNotContainIgnoringCase("HttpOnly");
        String jwt = callback.cookie("albs");

        given().cookie("albs", jwt).when().get("/api/v1/users/").then().statusCode(200).body("username", equalTo(login));
        Api.as(jwt).when().get("/api/v1/users/").then().statusCode(200).body("username", equalTo(login));
        given().cookie("albs", jwt).when().post("/api/v1/auth/logout").then().statusCode(204);

        given().redirects().follow(false)
                .queryParam("code", github.code(account(), login, login + "@github.example", true))
                .queryParam("state", state)
                .when().get("/api/v1/auth/github/callback")
                .then().statusCode(400).body("detail", containsString("used already"));
    }

    @Test
    void aForgedOrExpiredStateIsRefused() {
        String code = github.code(account(), Api.unique("forger"), null, true);
        for (String state : new String[] {"forged", Tokens.wrongAudience(1), Tokens.valid(1)}) {
            given().redirects().follow(false).queryParam("code", code).queryParam("state", state)
                    .when().get("/api/v1/auth/github/callback")
                    .then().statusCode(400).body("detail", startsWith("OAUTH_INVALID_STATE"));
        }
        given().redirects().follow(false).queryParam("code", code)
                .when().get("/api/v1/auth/github/callback")
                .then().statusCode(422).body("detail[0].loc", contains("query", "state"));
    }

    @Test
    void theUsersListIsPublicButEmailsAreForSuperusersOnly() {
        Api.ServiceUser node = Api.createServiceUser("lister");
        given().when().get("/api/v1/users/all_users").then().statusCode(200).body("email", everyItem(nullValue()));
        node.request().when().get("/api/v1/users/all_users").then().statusCode(200).body("email", everyItem(nullValue()));
        Api.asAdmin().when().get("/api/v1/users/all_users").then().statusCode(200)
                .body("find { it.id == " + node.id() + " }.email", equalTo(node.email()));
    }

    @Test
    void aSuperuserCannotDemoteThemselvesAndOthersCannotAdminister() {
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("is_superuser", false))
                .when().put("/api/v1/users/{id}", Api.ADMIN_ID).then().statusCode(409);
        Api.ServiceUser node = Api.createServiceUser("nosy");
        node.request().contentType(ContentType.JSON).body(Map.of("is_superuser", true))
                .when().put("/api/v1/users/{id}", node.id()).then().statusCode(403);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("is_active", "yes"))
                .when().put("/api/v1/users/{id}", node.id()).then().statusCode(422);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("is_active", true))
                .when().put("/api/v1/users/{id}", 987_654_321L).then().statusCode(404);
    }

    @Test
    void aSuperuserRemovesAUser() {
        Api.ServiceUser node = Api.createServiceUser("removed");
        Api.asAdmin().when().delete("/api/v1/users/{id}/remove", node.id())
                .then().statusCode(200).body("success", equalTo(true));
        node.request().when().get("/api/v1/users/").then().statusCode(401);
        Api.asAdmin().when().delete("/api/v1/users/{id}/remove", node.id()).then().statusCode(404);
    }
}
