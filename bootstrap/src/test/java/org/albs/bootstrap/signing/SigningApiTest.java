package org.albs.bootstrap.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.SignNode;
import org.junit.jupiter.api.Test;

/** Every bad input of the signing routes is a clear 4xx with {@code detail}; key generation end to end. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class SigningApiTest {
    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    private static Map<String, Object> key(String keyid, String fingerprint) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "k");
        body.put("keyid", keyid);
        body.put("fingerprint", fingerprint);
        body.put("public_url", "u");
        return body;
    }

    @Test
    void signKeysAreValidatedStoredUpperCaseAndChangedFieldByField() {
        String[] k = SignNode.newKey();
        Map<String, Object> body = key(k[0], k[1].toLowerCase());
        body.put("description", null);
        JsonPath created = Api.asAdmin().contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/sign-keys/new/").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("keyid")).isEqualTo(k[0].toUpperCase());
        assertThat(created.getString("fingerprint")).isEqualTo(k[1]);
        assertThat(created.getString("description")).isEqualTo("");
        assertThat(created.getBoolean("active")).isTrue();
        long id = created.getLong("id");

        Api.asAdmin().contentType(ContentType.JSON).body(key(k[0].toUpperCase(), SignNode.newKey()[1])).when()
                .post("/api/v1/sign-keys/new/").then().statusCode(409).body("detail", containsString(k[0].toUpperCase()));
        Api.asAdmin().contentType(ContentType.JSON).body(key(SignNode.newKey()[0], k[1])).when()
                .post("/api/v1/sign-keys/new/").then().statusCode(409).body("detail", containsString("fingerprint"));
        Api.asAdmin().contentType(ContentType.JSON).body(key("XYZ", "123")).when().post("/api/v1/sign-keys/new/")
                .then().statusCode(422).body("detail.loc", hasItem(List.of("body", "keyid")))
                .body("detail.loc", hasItem(List.of("body", "fingerprint")));
        Map<String, Object> badPlatforms = key(SignNode.newKey()[0], SignNode.newKey()[1]);
        badPlatforms.put("platform_ids", List.of(1, 999999));
        Api.asAdmin().contentType(ContentType.JSON).body(badPlatforms).when().post("/api/v1/sign-keys/new/")
                .then().statusCode(422).body("detail[0].msg", containsString("999999"));
        SignNode plain = SignNode.create("plain");
        plain.account.request().contentType(ContentType.JSON).body(key(SignNode.newKey()[0], SignNode.newKey()[1]))
                .when().post("/api/v1/sign-keys/new/").then().statusCode(403).body("detail", containsString("superuser"));
        Api.asAdmin().contentType(ContentType.JSON).body("[1]").when().post("/api/v1/sign-keys/new/")
                .then().statusCode(422);

        JsonPath updated = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("description", "now described",
                "platform_ids", List.of(1))).when().put("/api/v1/sign-keys/{id}/", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(updated.getString("description")).isEqualTo("now described");
        assertThat(updated.getString("name")).isEqualTo("k");
        assertThat(updated.getList("platform_ids", Long.class)).containsExactly(1L);
        assertThat(updated.getString("keyid")).isEqualTo(k[0].toUpperCase());
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", "x")).when()
                .put("/api/v1/sign-keys/{id}/", 99999999).then().statusCode(404).body("detail", containsString("99999999"));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("keyid", "nothex")).when()
                .put("/api/v1/sign-keys/{id}/", id).then().statusCode(422);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", "x")).when()
                .put("/api/v1/sign-keys/{id}/", "abc").then().statusCode(422);

        List<String> visible = plain.account.request().when().get("/api/v1/sign-keys/").then().statusCode(200)
                .extract().jsonPath().getList("keyid", String.class);
        assertThat(visible).contains(k[0].toUpperCase());
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false)).when()
                .put("/api/v1/sign-keys/{id}/", id).then().statusCode(200).body("active", is(false));
        assertThat(plain.account.request().when().get("/api/v1/sign-keys/").then().statusCode(200).extract()
                .jsonPath().getList("keyid", String.class)).doesNotContain(k[0].toUpperCase());
    }

    @Test
    void signTaskCreationAndTheNodesCallsRefuseBadInput() {
        SignedBuilds builds = new SignedBuilds(jobs, db);
        String[] k = SignNode.newKey();
        long key = SignNode.createKey(k[0], k[1]);
        long build = builds.readyBuild("zeta-1-1.el8.src.rpm", List.of("zeta-1-1.el8.x86_64.rpm"));
        SignNode stranger = SignNode.create("stranger", k[0]);

        post(Map.of("build_id", 99999999, "sign_key_id", key)).then().statusCode(404).body("detail",
                containsString("Build"));
        post(Map.of("build_id", build, "sign_key_id", 99999999)).then().statusCode(404).body("detail",
                containsString("Sign key"));
        post(Map.of("build_id", build)).then().statusCode(422).body("detail[0].loc", is(List.of("body",
                "sign_key_id")));
        stranger.account.request().contentType(ContentType.JSON).body(Map.of("build_id", build, "sign_key_id", key))
                .when().post("/api/v1/sign-tasks/").then().statusCode(403);
        String[] inactive = SignNode.newKey();
        long off = SignNode.createKey(inactive[0], inactive[1]);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false)).when()
                .put("/api/v1/sign-keys/{id}/", off).then().statusCode(200);
        post(Map.of("build_id", build, "sign_key_id", off)).then().statusCode(403).body("detail",
                is("This sign key is inactive"));

        // a build without packages (its tasks never ran) cannot be signed: 422, no task is made
        long bare = Api.asAdmin().contentType(ContentType.JSON).body(org.albs.bootstrap.support.Node.buildBody(
                SignedBuilds.PLATFORM, List.of("x86_64"), true, "https://git.almalinux.org/rpms/"
                        + Api.unique("bare") + ".git")).when().post("/api/v1/builds/").then().statusCode(200)
                .extract().jsonPath().getLong("id");
        post(Map.of("build_id", bare, "sign_key_id", key)).then().statusCode(422)
                .body("detail[0].msg", containsString("no source RPM"));
        assertThat(SignNode.signTask(bare).getList("")).isEmpty();

        long id = SignNode.createSignTask(build, key);
        post(Map.of("build_id", build, "sign_key_id", key)).then().statusCode(409).body("detail",
                containsString("unfinished sign task " + id));

        // the node's calls
        SignNode node = SignNode.create("node", k[0]);
        node.account.request().contentType(ContentType.JSON).body(Map.of("key_ids", List.of())).when()
                .post("/api/v1/sign-tasks/get_sign_task/").then().statusCode(422)
                .body("detail[0].loc", is(List.of("body", "key_ids")));
        node.account.request().contentType(ContentType.JSON).body(Map.of("key_ids", List.of(k[0], "short"))).when()
                .post("/api/v1/sign-tasks/get_sign_task/").then().statusCode(422)
                .body("detail[0].loc", is(List.of("body", "key_ids", 1)));
        node.account.request().contentType(ContentType.JSON).body(Map.of()).when()
                .post("/api/v1/sign-tasks/get_sign_task/").then().statusCode(422);
        node.complete(99999999, SignNode.failure(build, "x")).then().statusCode(404).body("detail",
                containsString("99999999"));
        node.account.request().contentType(ContentType.JSON).body(Map.of("build_id", build)).when()
                .post("/api/v1/sign-tasks/{id}/complete/", id).then().statusCode(422)
                .body("detail[0].loc", is(List.of("body", "success")));
        node.account.request().contentType(ContentType.JSON).body(Map.of("success", true)).when()
                .post("/api/v1/sign-tasks/{id}/complete/", "abc").then().statusCode(422);
        assertThat(node.getSignTask().getLong("id")).isEqualTo(id);
        node.complete(id, SignNode.failure(build + 1, "x")).then().statusCode(422)
                .body("detail[0].loc", is(List.of("body", "build_id")));
        node.complete(id, SignNode.failure(build, "rpmsign: bad passphrase")).then().statusCode(200);
        JsonPath task = SignNode.signTask(build);
        assertThat(task.getInt("[0].status")).isEqualTo(4);
        assertThat(task.getString("[0].error_message")).isEqualTo("rpmsign: bad passphrase");
        Api.asAdmin().queryParam("build_id", "x").when().get("/api/v1/sign-tasks/").then().statusCode(422);
        Api.asAdmin().when().get("/api/v1/sign-tasks/").then().statusCode(200);
    }

    private static io.restassured.response.Response post(Map<String, Object> body) {
        return Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/sign-tasks/");
    }

    @Test
    void aCommunityKeyIsGeneratedByANodeStoredAndArchivesTheProductsPreviousKey() {
        String product = Api.unique("product");
        SignNode node = SignNode.create("community");
        SignNode other = SignNode.create("community2");
        List<Long> keyIds = new java.util.ArrayList<>();
        for (int round = 0; round < 2; round++) {
            long taskId = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("user_name", "alice",
                    "user_email", "alice@example.com", "product_name", product)).when()
                    .post("/api/v1/sign-tasks/community/").then().statusCode(200).extract().jsonPath().getLong("id");
            JsonPath got = node.getGenKeyTask();
            while (got != null && got.getLong("id") != taskId) {
                // a task of another test run: fail it so it stays out of the way
                node.completeGenKey(got.getLong("id"), Map.of("success", false, "error_message", "skip"))
                        .then().statusCode(200);
                got = node.getGenKeyTask();
            }
            assertThat(got.getString("product_name")).isEqualTo(product);
            assertThat(got.getString("user_email")).isEqualTo("alice@example.com");
            assertThat(other.getGenKeyTask()).isNull();
            String[] k = SignNode.newKey();
            String href = PulpStub.artifactHref();
            PulpStub.shared().register(href, "e".repeat(63) + round, null);
            other.completeGenKey(taskId, Map.of("success", true, "sign_key_href", href, "key_id", k[0],
                    "fingerprint", k[1])).then().statusCode(409);
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("success", true);
            done.put("error_message", "");
            done.put("sign_key_href", href);
            done.put("key_name", "alice/" + product + " ALBS community repo <alice@example.com>");
            done.put("key_id", k[0]);
            done.put("fingerprint", k[1]);
            done.put("file_name", k[1] + "_public.key");
            JsonPath key = node.completeGenKey(taskId, done).then().statusCode(200).extract().jsonPath();
            assertThat(key.getString("keyid")).isEqualTo(k[0].toUpperCase());
            assertThat(key.getBoolean("is_community")).isTrue();
            assertThat(key.getBoolean("active")).isTrue();
            keyIds.add(key.getLong("id"));
        }
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of()).when()
                .put("/api/v1/sign-keys/{id}/", keyIds.get(0)).then().statusCode(200)
                .body("active", is(false)).body("archived", org.hamcrest.Matchers.notNullValue());
        node.completeGenKey(99999999, Map.of("success", false)).then().statusCode(404);
        SignNode.create("plain").account.request().contentType(ContentType.JSON).body(Map.of("user_name", "a",
                "user_email", "a@b", "product_name", "p")).when().post("/api/v1/sign-tasks/community/").then()
                .statusCode(403);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("user_name", "a")).when()
                .post("/api/v1/sign-tasks/community/").then().statusCode(422);
    }
}
