package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.albs.bootstrap.api.PlatformBodies.platform;
import static org.albs.bootstrap.api.PlatformBodies.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** GET, POST and PUT /api/v1/platforms/: the happy paths, permissions and the repository bookkeeping. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PlatformApiTest {

    @Test
    void listIsPublicAndHoldsTheReferenceData() {
        JsonPath list = given().when().get("/api/v1/platforms/")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("name", hasItems("AlmaLinux-8", "AlmaLinux-9"))
                .extract().jsonPath();

        for (String version : List.of("8", "9")) {
            String item = "find { it.name == 'AlmaLinux-" + version + "' }";
            assertThat(list.getList(item + ".arch_list", String.class))
                    .containsExactly("i686", "x86_64", "aarch64", "ppc64le", "s390x");
            assertThat(list.getString(item + ".distr_type")).isEqualTo("rhel");
            assertThat(list.getString(item + ".distr_version")).isEqualTo(version);
            assertThat(list.getList(item + ".data.versions", String.class)).containsExactly(version);
            assertThat(list.getList(item + ".data.secure_boot_required_packages", String.class)).contains("kernel", "shim");
            assertThat(list.getList(item + ".repos.name", String.class)).contains("almalinux-" + version + "-baseos");
        }
    }

    @Test
    void listDoesNotShowReferencePlatforms() {
        String name = Api.unique("Reference");
        Map<String, Object> body = platform(name);
        body.put("is_reference", true);
        create(body);

        given().when().get("/api/v1/platforms/")
                .then().statusCode(200)
                .body("findAll { it.name == '" + name + "' }", empty());
    }

    @Test
    void superuserCreatesAPlatform() {
        String name = Api.unique("Created");
        Map<String, Object> body = platform(name, repo(name + "-baseos", "x86_64"));
        Api.asAdmin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/platforms/")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("name", equalTo(name))
                .body("type", equalTo("rpm"))
                .body("distr_type", equalTo("rhel"))
                .body("distr_version", equalTo("10"))
                .body("test_dist_name", equalTo("almalinux"))
                .body("arch_list", contains("x86_64", "aarch64"))
                .body("is_reference", equalTo(false))
                .body("data.versions", contains("10"))
                .body("repos", hasSize(1))
                .body("repos[0].name", equalTo(name + "-baseos"))
                .body("repos[0].arch", equalTo("x86_64"))
                .body("repos[0].priority", equalTo(10))
                .body("repos[0].mock_enabled", equalTo(true))
                .body("repos[0].production", equalTo(false));

        given().when().get("/api/v1/platforms/")
                .then().statusCode(200)
                .body("find { it.name == '" + name + "' }.arch_list", contains("x86_64", "aarch64"));
    }

    @Test
    void missingTestDistNameAndDataGetDefaults() {
        String name = Api.unique("Defaults");
        Map<String, Object> body = platform(name);
        body.remove("test_dist_name");
        body.remove("data");
        body.remove("repos");

        Api.asAdmin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/platforms/")
                .then().statusCode(201)
                .body("test_dist_name", equalTo("defaults"))
                .body("data.versions", nullValue())
                .body("data.secure_boot_required_packages", nullValue())
                .body("repos", empty());
    }

    @Test
    void duplicateNameIsConflict() {
        String name = Api.unique("Twice");
        create(platform(name));

        Api.asAdmin().contentType(ContentType.JSON).body(platform(name))
                .when().post("/api/v1/platforms/")
                .then().statusCode(409)
                .body("detail", equalTo("Platform with name '" + name + "' already exists"));
    }

    @Test
    void nonSuperuserMayNotCreateOrModify() {
        Api.ServiceUser node = Api.createServiceUser("platformnode");
        String name = Api.unique("Forbidden");
        node.request().contentType(ContentType.JSON).body(platform(name))
                .when().post("/api/v1/platforms/")
                .then().statusCode(403)
                .body("detail", equalTo("Forbidden: superuser rights are required"));
        node.request().contentType(ContentType.JSON).body(Map.of("name", "AlmaLinux-9", "distr_version", "99"))
                .when().put("/api/v1/platforms/")
                .then().statusCode(403)
                .body("detail", equalTo("Forbidden: superuser rights are required"));

        given().when().get("/api/v1/platforms/")
                .then().body("findAll { it.name == '" + name + "' }", empty())
                .body("find { it.name == 'AlmaLinux-9' }.distr_version", equalTo("9"));
    }

    @Test
    void creatingOrModifyingNeedsAToken() {
        given().contentType(ContentType.JSON).body(platform(Api.unique("Anonymous")))
                .when().post("/api/v1/platforms/")
                .then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
        given().contentType(ContentType.JSON).body(Map.of("name", "AlmaLinux-9"))
                .when().put("/api/v1/platforms/")
                .then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void putOverwritesTheGivenFieldsOnly() {
        String name = Api.unique("Modified");
        create(platform(name, repo(name + "-baseos", "x86_64")));

        Map<String, Object> change = Map.of("name", name, "distr_version", "10.1", "arch_list", List.of("x86_64"),
                "test_dist_name", "almalinux-kitten", "data", Map.of("versions", List.of("10.1")));
        Api.asAdmin().contentType(ContentType.JSON).body(change)
                .when().put("/api/v1/platforms/")
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("distr_version", equalTo("10.1"))
                .body("arch_list", contains("x86_64"))
                .body("test_dist_name", equalTo("almalinux-kitten"))
                .body("data.versions", contains("10.1"))
                .body("type", equalTo("rpm"))
                .body("distr_type", equalTo("rhel"))
                .body("repos.name", contains(name + "-baseos"));

        given().when().get("/api/v1/platforms/")
                .then().body("find { it.name == '" + name + "' }.distr_version", equalTo("10.1"));
    }

    @Test
    void putWithReposReplacesThisPlatformsRepos() {
        String name = Api.unique("Replaced");
        create(platform(name, repo(name + "-old1", "x86_64"), repo(name + "-old2", "x86_64")));

        Map<String, Object> change = Map.of("name", name, "repos", List.of(repo(name + "-new", "x86_64")));
        Api.asAdmin().contentType(ContentType.JSON).body(change)
                .when().put("/api/v1/platforms/")
                .then().statusCode(200)
                .body("repos.name", contains(name + "-new"));
    }

    /**
     * Upstream's modify_platform deletes, globally and by name, every repository the platform had that the PUT
     * leaves out, even when another platform still uses it. Here leaving a repository out only unlinks it.
     */
    @Test
    void putNeverDeletesARepositoryAnotherPlatformUses() {
        String shared = Api.unique("shared-x");
        String a = Api.unique("PlatformA");
        String b = Api.unique("PlatformB");
        JsonPath createdA = create(platform(a, repo(shared, "x86_64"), repo(a + "-own", "x86_64")));
        JsonPath createdB = create(platform(b, repo(shared, "x86_64")));
        long sharedId = createdA.getLong("repos.find { it.name == '" + shared + "' }.id");
        assertThat(createdB.getLong("repos[0].id")).isEqualTo(sharedId);

        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", a, "repos", List.of(repo(a + "-own", "x86_64"))))
                .when().put("/api/v1/platforms/")
                .then().statusCode(200)
                .body("repos.name", contains(a + "-own"));

        Api.asAdmin().when().get("/api/v1/repositories/{id}/", sharedId)
                .then().statusCode(200)
                .body("id", equalTo((int) sharedId))
                .body("name", equalTo(shared));
        JsonPath list = given().when().get("/api/v1/platforms/").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("find { it.name == '" + b + "' }.repos.id", Long.class)).containsExactly(sharedId);
        assertThat(list.getList("find { it.name == '" + a + "' }.repos.name", String.class)).containsExactly(a + "-own");
    }

    @Test
    void putOfUnknownPlatformIsNotFound() {
        String name = Api.unique("Nowhere");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "distr_version", "1"))
                .when().put("/api/v1/platforms/")
                .then().statusCode(404)
                .body("detail", equalTo("Platform with name '" + name + "' is not found"));
    }

    @Test
    void putWithoutNameIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("distr_version", "1"))
                .when().put("/api/v1/platforms/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "name"))
                .body("detail[0].type", equalTo("missing"));
    }

    @Test
    void putWithInvalidFieldIsUnprocessableAndChangesNothing() {
        String name = Api.unique("Untouched");
        create(platform(name));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "type", "zip", "distr_version", "2"))
                .when().put("/api/v1/platforms/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body", "type"))
                .body("detail[0].type", equalTo("literal_error"));

        given().when().get("/api/v1/platforms/")
                .then().body("find { it.name == '" + name + "' }.distr_version", equalTo("10"));
    }

    static JsonPath create(Map<String, Object> body) {
        return Api.asAdmin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/platforms/")
                .then().statusCode(201)
                .extract().jsonPath();
    }
}
