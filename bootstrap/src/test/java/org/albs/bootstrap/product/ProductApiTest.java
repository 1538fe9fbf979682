package org.albs.bootstrap.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.signing.SignedBuilds;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.Queue;
import org.albs.bootstrap.support.Sql;
import org.albs.domain.product.Product;
import org.junit.jupiter.api.Test;

/**
 * Upstream's products routes as the web UI calls them (docs/frontend-calls.md §2.6 rows 37–41): what it sends,
 * every field it reads, the refusals with their {@code detail}, and that a refused request writes nothing.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class ProductApiTest {
    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    private final PulpStub pulp = PulpStub.shared();

    /** A platform as GET /api/v1/platforms/ returns it, as the UI sends it back. */
    private static Map<String, Object> platform(String name) {
        List<Map<String, Object>> all = given().when().get("/api/v1/platforms/").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return all.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> body(String name, Object ownerId, List<?> platforms) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("owner_id", ownerId);
        b.put("title", "Title of " + name);
        b.put("description", "About " + name);
        b.put("platforms", platforms);
        return b;
    }

    private static ValidatableResponse create(RequestSpecification as, Object body) {
        return as.contentType(ContentType.JSON).body(body).when().post("/api/v1/products/").then();
    }

    private long count(String sql, Object... args) {
        return Sql.count(db, sql, args);
    }

    private long writes() {
        return count("SELECT (SELECT count(*) FROM products) * 1000000 + (SELECT count(*) FROM repositories) * 1000"
                + " + (SELECT count(*) FROM teams)");
    }

    @Test
    void aUserCreatesAProductWithItsTeamAndRepositoriesAndTheUiReadsIt() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        String name = Api.unique("prod");
        JsonPath created = create(alice.request(), body(name, String.valueOf(alice.id()),
                List.of(platform("AlmaLinux-8")))).statusCode(200).body("name", equalTo(name))
                .body("title", equalTo("Title of " + name)).body("description", equalTo("About " + name))
                .body("is_community", is(true)).body("owner.username", equalTo(alice.username()))
                .body("owner.email", equalTo(alice.email())).body("team.name", equalTo(name + "_team"))
                .body("platforms.name", is(List.of("AlmaLinux-8"))).body("builds", is(List.of()))
                .extract().jsonPath();
        long id = created.getLong("id");
        long team = created.getLong("team.id");
        String x86 = Product.repositoryName(alice.username(), name, "AlmaLinux-8", "x86_64", false);
        assertThat(created.getList("repositories.name", String.class)).contains(x86,
                Product.repositoryName(alice.username(), name, "AlmaLinux-8", "src", false));
        assertThat(count("SELECT count(*) FROM products WHERE id = ? AND team_id = ?", id, team)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM user_role_grants g JOIN user_roles r ON r.id = g.role_id"
                + " WHERE r.team_id = ? AND g.user_id = ?", team, alice.id())).as("the owner holds all five roles")
                .isEqualTo(5);
        assertThat(pulp.repositories()).as("made by a job, not the request").doesNotContain(x86);
        new SignedBuilds(jobs, db).drain();
        assertThat(pulp.repositories()).contains(x86);

        // the product page (#39), anonymous ("Bearer null"): every field it reads; no e-mail for strangers
        Api.as("null").when().get("/api/v1/products/{id}/", id).then().statusCode(200)
                .body("name", equalTo(name)).body("title", equalTo("Title of " + name))
                .body("description", equalTo("About " + name)).body("owner.username", equalTo(alice.username()))
                .body("owner.email", nullValue()).body("platforms[0].id", notNullValue())
                .body("platforms[0].name", equalTo("AlmaLinux-8")).body("team.id", is((int) team))
                .body("team.name", equalTo(name + "_team")).body("builds", is(List.of()))
                .body("repositories.find { it.name == '" + x86 + "' }.url", containsString(x86))
                .body("repositories[0].id", notNullValue());
        Api.asAdmin().when().get("/api/v1/products/{id}/", id).then().statusCode(200)
                .body("owner.email", equalTo(alice.email()));

        // the store's list (#37a) and the feed (#37b)
        given().when().get("/api/v1/products/").then().statusCode(200).body("name", hasItem(name))
                .body("find { it.name == '" + name + "' }.title", equalTo("Title of " + name));
        given().queryParam("search_string", name.toUpperCase()).queryParam("pageNumber", 1).when()
                .get("/api/v1/products/").then().statusCode(200).body("total_products", is(1))
                .body("current_page", is(1)).body("products[0].id", is((int) id))
                .body("products[0].name", equalTo(name)).body("products[0].description", equalTo("About " + name))
                .body("products[0].owner.username", equalTo(alice.username()))
                .body("products[0].platforms[0].name", equalTo("AlmaLinux-8")).body("products[0].builds.size()", is(0));
        given().queryParam("search_string", "Title of " + name).when().get("/api/v1/products/").then()
                .statusCode(200).body("name", is(List.of(name)));
        JsonPath feed = given().queryParam("search_string", "").queryParam("pageNumber", 1).when()
                .get("/api/v1/products/").then().statusCode(200).extract().jsonPath();
        List<Integer> ids = feed.getList("products.id", Integer.class);
        assertThat(ids).hasSizeLessThanOrEqualTo(10).isSortedAccordingTo((a, b) -> b - a);
        assertThat(feed.getLong("total_products")).isEqualTo(count("SELECT count(*) FROM products"));
        given().queryParam("pageNumber", 0).when().get("/api/v1/products/").then().statusCode(422)
                .body("detail[0].loc", is(List.of("query", "pageNumber")));
        given().when().get("/api/v1/products/{id}/", 999_999_999).then().statusCode(404)
                .body("detail", containsString("999999999"));

        // new platforms (#40): 201, their repositories made by a job; again is harmless
        String el9 = Product.repositoryName(alice.username(), name, "AlmaLinux-9", "x86_64", false);
        alice.request().contentType(ContentType.JSON).body(List.of(platform("AlmaLinux-9"), platform("AlmaLinux-8")))
                .when().post("/api/v1/products/{id}/add-platforms/", id).then().statusCode(201)
                .body("platforms.name", hasItems("AlmaLinux-8", "AlmaLinux-9"))
                .body("repositories.name", hasItem(el9));
        alice.request().contentType(ContentType.JSON).body(List.of(platform("AlmaLinux-9")))
                .when().post("/api/v1/products/{id}/add-platforms/", id).then().statusCode(201);
        assertThat(count("SELECT count(*) FROM product_platforms WHERE product_id = ?", id)).isEqualTo(2);
        new SignedBuilds(jobs, db).drain();
        assertThat(pulp.repositories()).contains(el9);

        // deletion (#41): the owner; its repositories leave the store through a job, its team goes with it
        Api.ServiceUser bob = Api.createServiceUser("bob");
        bob.request().when().delete("/api/v1/products/{id}/remove/", id).then().statusCode(403)
                .body("detail", containsString("owner"));
        given().when().delete("/api/v1/products/{id}/remove/", id).then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
        alice.request().when().delete("/api/v1/products/{id}/remove/", id).then().statusCode(200)
                .body("success", is(true)).body("message", containsString(name));
        assertThat(count("SELECT count(*) FROM products WHERE id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM repositories WHERE name = ?", x86)).isZero();
        assertThat(count("SELECT count(*) FROM teams WHERE id = ?", team)).isZero();
        new SignedBuilds(jobs, db).drain();
        assertThat(pulp.repositories()).doesNotContain(x86, el9);
        alice.request().when().delete("/api/v1/products/{id}/remove/", id).then().statusCode(404);
        create(alice.request(), body(name, alice.id(), List.of())).statusCode(200); // the name is free again
    }

    @Test
    void badProductsAreRefusedWithDetailAndWriteNothing() {
        Api.ServiceUser carol = Api.createServiceUser("carol");
        Api.ServiceUser dave = Api.createServiceUser("dave");
        String name = Api.unique("prod");
        List<Map<String, Object>> el8 = List.of(platform("AlmaLinux-8"));
        long before = writes();

        given().contentType(ContentType.JSON).body(body(name, carol.id(), el8)).when().post("/api/v1/products/")
                .then().statusCode(403).body("detail", equalTo("Not authenticated"));
        create(carol.request(), body(name, dave.id(), el8)).statusCode(403).body("detail",
                containsString("another user"));
        create(carol.request(), body(name, carol.id(), List.of(Map.of("name", "Nope-1", "id", 999_999))))
                .statusCode(422).body("detail[0].loc", is(List.of("body", "platforms", 0)))
                .body("detail[0].msg", containsString("Nope-1"));
        create(carol.request(), body(name, carol.id(), List.of(Map.of("distr_type", "rhel")))).statusCode(422)
                .body("detail[0].loc", is(List.of("body", "platforms", 0)));
        create(carol.request(), body("a/b", carol.id(), el8)).statusCode(422)
                .body("detail[0].loc", is(List.of("body", "name")));
        create(carol.request(), Map.of()).statusCode(422).body("detail.loc", hasItems(List.of("body", "name"),
                List.of("body", "owner_id"), List.of("body", "title")));
        create(carol.request(), body(name, "carol", el8)).statusCode(422).body("detail[0].loc",
                is(List.of("body", "owner_id")));
        create(carol.request(), "{\"name\": ").statusCode(422).body("detail[0].type", equalTo("json_invalid"));
        create(Api.asAdmin(), body(name, 999_999_999, el8)).statusCode(422).body("detail[0].loc",
                is(List.of("body", "owner_id")));
        assertThat(writes()).as("nothing half-written").isEqualTo(before);

        long id = create(carol.request(), body(name, carol.id(), el8)).statusCode(200).extract().jsonPath()
                .getLong("id");
        create(Api.asAdmin(), body(name, dave.id(), el8)).statusCode(409).body("detail",
                containsString("already exist"));
        long afterOne = writes();
        String taken = Api.unique("taken");
        create(dave.request(), body(taken, dave.id(), List.of())).statusCode(200);
        // a team of the name the product's team would have: refused, nothing written
        long teamOwner = carol.id();
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("team_name", name + "x_team", "user_id", teamOwner))
                .when().post("/api/v1/teams/create/").then().statusCode(200);
        long mid = writes();
        create(carol.request(), body(name + "x", carol.id(), el8)).statusCode(409).body("detail",
                containsString(name + "x_team"));
        assertThat(writes()).isEqualTo(mid).isGreaterThan(afterOne);

        // add-platforms refusals
        dave.request().contentType(ContentType.JSON).body(List.of(platform("AlmaLinux-9"))).when()
                .post("/api/v1/products/{id}/add-platforms/", id).then().statusCode(403).body("detail",
                        containsString("owner"));
        carol.request().contentType(ContentType.JSON).body(List.of(Map.of("name", "Nope-1"))).when()
                .post("/api/v1/products/{id}/add-platforms/", id).then().statusCode(422)
                .body("detail[0].loc", is(List.of("body", 0)));
        carol.request().contentType(ContentType.JSON).body(List.of(platform("AlmaLinux-9"))).when()
                .post("/api/v1/products/{id}/add-platforms/", 999_999_999).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM product_platforms WHERE product_id = ?", id)).isEqualTo(1);

        // a product holding a build is not deleted
        long build = Api.asAdmin().contentType(ContentType.JSON).body(Node.buildBody("AlmaLinux-8",
                List.of("x86_64"), true, "https://git.almalinux.org/rpms/" + Api.unique("held") + ".git"))
                .when().post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        Queue.retireAllOpenTasks(db);
        count("WITH i AS (INSERT INTO product_builds (product_id, build_id) VALUES (?, ?) RETURNING 1)"
                + " SELECT count(*) FROM i", id, build);
        carol.request().when().delete("/api/v1/products/{id}/remove/", id).then().statusCode(409)
                .body("detail", containsString("remove them from it first"));
        Api.asAdmin().when().get("/api/v1/products/{id}/", id).then().statusCode(200)
                .body("builds.id", is(List.of((int) build)));
        count("WITH d AS (DELETE FROM product_builds WHERE product_id = ? RETURNING 1) SELECT count(*) FROM d", id);
        Api.asAdmin().when().delete("/api/v1/products/{id}/remove/", id).then().statusCode(200)
                .body("success", is(true));
    }
}
