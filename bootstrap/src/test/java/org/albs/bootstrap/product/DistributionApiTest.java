package org.albs.bootstrap.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.signing.SignedBuilds;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.Queue;
import org.albs.bootstrap.support.Sql;
import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.product.Product;
import org.junit.jupiter.api.Test;

/**
 * The distribution routes over HTTP: every bad input is a 4xx with a JSON {@code detail} and writes nothing; adding
 * and removing a build against the suite's fake Pulp, under the distribution paths and upstream's product paths.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class DistributionApiTest {
    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    private final PulpStub pulp = PulpStub.shared();

    private static Map<String, Object> distro(String name, List<?> platforms) {
        return Map.of("name", name, "platforms", platforms);
    }

    private static ValidatableResponse create(Api.ServiceUser as, Object body) {
        return (as == null ? Api.asAdmin() : as.request()).contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/distro/").then();
    }

    private static ValidatableResponse post(Api.ServiceUser as, String path, Object... params) {
        return (as == null ? Api.asAdmin() : as.request()).when().post(path, params).then();
    }

    private long count(String sql, Object... args) {
        return Sql.count(db, sql, args);
    }

    private long productJobs(long buildId) {
        return count("SELECT count(*) FROM store_jobs WHERE build_id = ? AND kind IN ('ADD_TO_PRODUCT',"
                + " 'REMOVE_FROM_PRODUCT')", buildId);
    }

    private static List<String> names() {
        return given().when().get("/api/v1/distro/").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class);
    }

    @Test
    void badDistributionsAreRefusedWithDetailAndWriteNothing() {
        Api.ServiceUser plain = Api.createServiceUser("plain");
        String name = Api.unique("dist");
        long repositoriesBefore = count("SELECT count(*) FROM repositories");

        create(plain, distro(name, List.of("AlmaLinux-8"))).statusCode(403).body("detail",
                containsString("superuser"));
        given().contentType(ContentType.JSON).body(distro(name, List.of("AlmaLinux-8"))).when()
                .post("/api/v1/distro/").then().statusCode(403).body("detail", equalTo("Not authenticated"));
        create(null, distro(name, List.of("AlmaLinux-8", "Nope-1"))).statusCode(422)
                .body("detail[0].loc", is(List.of("body", "platforms", 1)))
                .body("detail[0].msg", containsString("Nope-1"));
        create(null, distro("a/b", List.of("AlmaLinux-8"))).statusCode(422)
                .body("detail[0].loc", is(List.of("body", "name")));
        create(null, Map.of()).statusCode(422).body("detail.loc", org.hamcrest.Matchers.hasItems(
                List.of("body", "name"), List.of("body", "platforms")));
        create(null, "{\"name\": ").statusCode(422).body("detail[0].type", equalTo("json_invalid"));
        create(null, Map.of("name", name, "platforms", "AlmaLinux-8")).statusCode(422).body("detail[0].loc",
                is(List.of("body", "platforms")));
        assertThat(names()).doesNotContain(name);
        assertThat(count("SELECT count(*) FROM repositories")).as("no repository half-written")
                .isEqualTo(repositoriesBefore);

        long id = create(null, distro(name, List.of("AlmaLinux-8"))).statusCode(200).body("name", equalTo(name))
                .extract().jsonPath().getLong("id");
        create(null, distro(name, List.of("AlmaLinux-9"))).statusCode(409).body("detail",
                containsString("already exists"));
        assertThat(names().stream().filter(name::equals)).hasSize(1);
        assertThat(count("SELECT count(*) FROM products p JOIN product_platforms pp ON pp.product_id = p.id"
                + " WHERE p.name = ?", name)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM product_repositories WHERE product_id = ?", id)).isPositive();
    }

    @Test
    void badAddsAndRemovesAreRefusedWithDetailAndQueueNothing() {
        SignedBuilds builds = new SignedBuilds(jobs, db);
        long build = builds.readyBuild("kappa-1-1.el8.src.rpm", List.of("kappa-1-1.el8.x86_64.rpm"));
        String el8 = Api.unique("el8");
        String el9 = Api.unique("el9");
        create(null, distro(el8, List.of("AlmaLinux-8"))).statusCode(200);
        create(null, distro(el9, List.of("AlmaLinux-9"))).statusCode(200);
        builds.drain();
        Api.ServiceUser stranger = Api.createServiceUser("stranger");

        for (String route : List.of("/api/v1/distro/add/{b}/{d}/", "/api/v1/distro/remove/{b}/{d}/",
                "/api/v1/products/add/{b}/{d}/", "/api/v1/products/remove/{b}/{d}/")) {
            post(null, route, 99999999, el8).statusCode(404).body("detail", containsString("99999999"));
            post(null, route, build, "no-such-distro").statusCode(404).body("detail",
                    containsString("no-such-distro"));
            post(null, route, "abc", el8).statusCode(422).body("detail[0].loc", is(List.of("path", "build_id")));
            post(stranger, route, build, el8).statusCode(403).body("detail", containsString("owner"));
            given().when().post(route, build, el8).then().statusCode(403).body("detail", equalTo("Not authenticated"));
        }
        post(null, "/api/v1/distro/add/{b}/{d}/", build, el9).statusCode(422)
                .body("detail[0].loc", is(List.of("path", "build_id")))
                .body("detail[0].msg", containsString("has no platform AlmaLinux-8"));
        long unbuilt = Api.asAdmin().contentType(ContentType.JSON).body(Node.buildBody("AlmaLinux-8",
                List.of("x86_64"), true, "https://git.almalinux.org/rpms/" + Api.unique("unbuilt") + ".git"))
                .when().post("/api/v1/builds/").then().statusCode(200).extract().jsonPath().getLong("id");
        builds.drain();
        post(null, "/api/v1/distro/add/{b}/{d}/", unbuilt, el8).statusCode(422)
                .body("detail[0].msg", containsString("nothing to add"));
        assertThat(productJobs(build)).as("nothing queued").isZero();
        assertThat(productJobs(unbuilt)).isZero();
        Queue.retireAllOpenTasks(db);
    }

    @Test
    void aBuildGoesIntoTheDistributionsRepositoriesInPulpOnceAndOutAgain() {
        SignedBuilds builds = new SignedBuilds(jobs, db);
        long build = builds.readyBuild("lambda-1-1.el8.src.rpm", List.of("lambda-1-1.el8.x86_64.rpm",
                "lambda-doc-1-1.el8.noarch.rpm", "lambda-debuginfo-1-1.el8.x86_64.rpm"));
        String name = Api.unique("dist");
        create(null, distro(name, List.of("AlmaLinux-8"))).statusCode(200);
        String x86 = Product.repositoryName("admin", name, "AlmaLinux-8", "x86_64", false);
        String debug = Product.repositoryName("admin", name, "AlmaLinux-8", "x86_64", true);
        String src = Product.repositoryName("admin", name, "AlmaLinux-8", "src", false);

        post(null, "/api/v1/distro/add/{b}/{d}/", build, name).statusCode(200).body("success", is(true))
                .body("message", equalTo("Build " + build + " is being added to distribution " + name));
        assertThat(pulp.repositories()).as("made by a job, not the request").doesNotContain(x86);
        builds.drain();
        assertThat(pulp.content(x86)).hasSize(2)
                .isEqualTo(pulp.content(BuildRepositories.rpmName("AlmaLinux-8", "x86_64", build, false)));
        assertThat(pulp.content(debug)).hasSize(1);
        assertThat(pulp.content(src)).hasSize(1);
        assertThat(pulp.publications(x86)).isEqualTo(1);
        given().when().get("/api/v1/builds/{id}/", build).then().statusCode(200)
                .body("products.name", is(List.of(name))).body("products[0].id", org.hamcrest.Matchers.notNullValue());
        Api.asAdmin().when().delete("/api/v1/builds/{id}/remove", build).then().statusCode(409)
                .body("detail", containsString("remove it from distribution " + name + " first"));

        post(null, "/api/v1/products/add/{b}/{d}/", build, name).statusCode(200)
                .body("message", equalTo("Build " + build + " is being added to product " + name));
        int modifies = pulp.modifies(x86).size();
        builds.drain();
        assertThat(pulp.modifies(x86)).as("adding twice changes nothing").hasSize(modifies);
        List<String> notes = Api.asAdmin().queryParam("build_id", build).queryParam("kind", "add_to_product")
                .when().get("/api/v1/jobs/").then().statusCode(200).extract().jsonPath().getList("jobs.state",
                        String.class);
        assertThat(notes).containsOnly("done").hasSize(2);

        post(null, "/api/v1/products/remove/{b}/{d}/", build, name).statusCode(200)
                .body("message", equalTo("Build " + build + " is being removed from product " + name));
        builds.drain();
        assertThat(pulp.content(x86)).isEmpty();
        assertThat(pulp.content(debug)).isEmpty();
        assertThat(pulp.content(src)).isEmpty();
        given().when().get("/api/v1/builds/{id}/", build).then().statusCode(200).body("products", is(List.of()));
        Api.asAdmin().when().delete("/api/v1/builds/{id}/remove", build).then().statusCode(204);
    }
}
