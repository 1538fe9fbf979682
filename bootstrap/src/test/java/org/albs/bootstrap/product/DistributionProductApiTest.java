package org.albs.bootstrap.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Sql;
import org.junit.jupiter.api.Test;

/**
 * The distribution's own product from the reference data, as the web UI meets it: the New build form needs a
 * product, and building for AlmaLinux needs a role of its team (upstream's create_build); a release into a
 * community product is refused with the way to publish into it.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class DistributionProductApiTest {
    @Inject
    AgroalDataSource db;

    private static long almalinux() {
        List<Map<String, Object>> all = given().header("Authorization", "Bearer null").when()
                .get("/api/v1/products/").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(p -> "AlmaLinux".equals(p.get("name"))).map(p -> ((Number) p.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> build(Object productId) {
        Map<String, Object> body = Node.buildBody("AlmaLinux-9", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/" + Api.unique("dp") + ".git");
        body.put("product_id", productId);
        body.put("platform_flavors", List.of());
        body.put("linked_builds", List.of());
        body.put("is_secure_boot", false);
        return body;
    }

    private long builds() {
        return Sql.count(db, "SELECT count(*) FROM builds");
    }

    @Test
    void theAlmaLinuxProductIsThereWithItsPlatformsProductionRepositoriesAndTeam() {
        long id = almalinux();
        JsonPath p = given().header("Authorization", "Bearer null").when().get("/api/v1/products/{id}/", id)
                .then().statusCode(200).body("is_community", is(false)).body("title", equalTo("AlmaLinux"))
                .body("team.name", equalTo("almalinux")).body("owner.username", equalTo("base_user"))
                .body("owner.email", is((Object) null))
                .body("platforms.name", hasItems("AlmaLinux-8", "AlmaLinux-9"))
                .extract().jsonPath();
        List<Map<String, Object>> repos = p.getList("repositories");
        assertThat(repos).as("its platforms' production repositories").isNotEmpty()
                .allMatch(r -> Boolean.TRUE.equals(r.get("production")));
        assertThat(repos).extracting(r -> r.get("name")).contains("almalinux-9-baseos", "almalinux-8-appstream");
        assertThat(Sql.count(db, "SELECT count(*) FROM users WHERE username = 'base_user' AND NOT is_active"
                + " AND hashed_password IS NULL")).as("the system user cannot sign in").isEqualTo(1);
    }

    @Test
    void buildingForAlmaLinuxNeedsARoleOfItsTeam() {
        long id = almalinux();
        Api.ServiceUser alice = Api.createServiceUser("alice");
        long before = builds();
        alice.request().contentType(ContentType.JSON).body(build(id)).when().post("/api/v1/builds/").then()
                .statusCode(403).body("detail", equalTo(
                        "You don't have permission to create_build for the product AlmaLinux"));
        assertThat(builds()).as("nothing written").isEqualTo(before);

        long team = Sql.count(db, "SELECT team_id FROM products WHERE id = ?", id);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("members_to_update", List.of(Map.of("id",
                alice.id(), "username", alice.username(), "email", alice.email()))))
                .when().post("/api/v1/teams/{id}/members/add/", team).then().statusCode(200);
        long built = alice.request().contentType(ContentType.JSON).body(build(String.valueOf(id))).when()
                .post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        assertThat(Sql.count(db, "SELECT product_id FROM builds WHERE id = ?", built)).isEqualTo(id);
    }

    @Test
    void anUnknownProductIsA422AtProductId() {
        long before = builds();
        Api.asAdmin().contentType(ContentType.JSON).body(build(999_999_999)).when().post("/api/v1/builds/").then()
                .statusCode(422).body("detail[0].loc", contains("body", "product_id"))
                .body("detail[0].msg", containsString("999999999"));
        assertThat(builds()).isEqualTo(before);
    }

    @Test
    void onlyASuperuserMakesANonCommunityProductAndCommunityProductsAreNotReleasedInto() {
        Api.ServiceUser bob = Api.createServiceUser("bob");
        String name = Api.unique("np");
        bob.request().contentType(ContentType.JSON).body(Map.of("name", name, "owner_id", bob.id(), "title", name,
                "platforms", List.of(), "is_community", false)).when().post("/api/v1/products/").then()
                .statusCode(403).body("detail", containsString("community"));

        long community = bob.request().contentType(ContentType.JSON).body(Map.of("name", name, "owner_id",
                String.valueOf(bob.id()), "title", name, "platforms", List.of())).when().post("/api/v1/products/")
                .then().statusCode(200).body("is_community", is(true)).extract().jsonPath().getLong("id");
        bob.request().when().post("/api/v1/products/{id}/gen-sign-key/", community).then().statusCode(200)
                .body("user_name", equalTo(bob.username())).body("user_email", equalTo(bob.email()))
                .body("product_name", equalTo(name)).body("id", org.hamcrest.Matchers.notNullValue());
        assertThat(Sql.count(db, "SELECT count(*) FROM gen_key_tasks WHERE product_name = ?", name))
                .as("one at creation, one asked for").isEqualTo(2);
        Api.asAdmin().when().post("/api/v1/products/{id}/gen-sign-key/", almalinux()).then().statusCode(409)
                .body("detail", containsString("not a community product"));
        long platform = Sql.count(db, "SELECT id FROM platforms WHERE name = 'AlmaLinux-9'");
        long releases = Sql.count(db, "SELECT count(*) FROM releases");
        bob.request().contentType(ContentType.JSON).body(Map.of("builds", List.of(1), "build_tasks", List.of(),
                "platform_id", platform, "reference_platform_id", platform, "product_id", community))
                .when().post("/api/v1/releases/new/").then().statusCode(422)
                .body("detail[0].loc", contains("body", "product_id"))
                .body("detail[0].msg", containsString("/api/v1/products/add/"));
        bob.request().contentType(ContentType.JSON).body(Map.of("builds", List.of(1), "platform_id", platform,
                "product_id", almalinux())).when().post("/api/v1/releases/new/").then().statusCode(403)
                .body("detail", equalTo("You don't have permission to release_to_product for the product AlmaLinux"));
        assertThat(Sql.count(db, "SELECT count(*) FROM releases")).isEqualTo(releases);

        long running = bob.request().contentType(ContentType.JSON).body(build(community)).when()
                .post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        bob.request().when().delete("/api/v1/products/{id}/remove/", community).then().statusCode(409)
                .body("detail", containsString("still running (" + running + ")"));
    }
}
