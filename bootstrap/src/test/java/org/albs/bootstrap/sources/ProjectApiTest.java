package org.albs.bootstrap.sources;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.SourcesServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/projects/alma and /alma/modularity against a real Redis holding upstream's cache format. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@WithTestResource(SourcesServices.class)
class ProjectApiTest {
    private static final String RPMS = "albs-test:rpms_gitea_cache";
    private static final String MODULES = "albs-test:modules_gitea_cache";

    static String entry(String name, String org, List<String> tags, List<String> branches) {
        return "\"" + org + "/" + name + "\": {\"name\": \"" + name + "\", \"full_name\": \"" + org + "/" + name
                + "\", \"clone_url\": \"https://git.example.org/" + org + "/" + name + ".git\", \"tags\": "
                + quoted(tags) + ", \"branches\": " + quoted(branches) + ", \"updated_at\": \"2026-01-01T00:00:00Z\"}";
    }

    static String quoted(List<String> items) {
        return "[" + String.join(", ", items.stream().map(s -> "\"" + s + "\"").toList()) + "]";
    }

    private static void store(String key, String... entries) {
        assertThat(SourcesServices.redis().cli("SET", key, "{" + String.join(", ", entries) + "}")).isEqualTo("OK");
    }

    @AfterEach
    void clean() {
        SourcesServices.redis().cli("DEL", RPMS, MODULES);
    }

    @Test
    void wellFormedIndexIsListedInUpstreamShape() {
        store(RPMS, entry("bash", "rpms", List.of("c8-1", "a9-2"), List.of("c8", "a9")),
                entry("zsh", "rpms", List.of(), List.of("c9")));
        store(MODULES, entry("nodejs", "modules", List.of("c8-stream-20"), List.of("c8-stream-20")));
        JsonPath rpms = Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(200)
                .header("X-Total-Count", "2").extract().jsonPath();
        assertThat(rpms.getList("name", String.class)).containsExactly("bash", "zsh");
        assertThat(rpms.getMap("[0]")).containsOnlyKeys("name", "clone_url", "tags", "branches");
        assertThat(rpms.getString("[0].clone_url")).isEqualTo("https://git.example.org/rpms/bash.git");
        assertThat(rpms.getList("[0].tags", String.class)).containsExactly("c8-1", "a9-2");
        assertThat(rpms.getList("[1].branches", String.class)).containsExactly("c9");
        JsonPath modules = Api.asAdmin().get("/api/v1/projects/alma/modularity").then().statusCode(200)
                .extract().jsonPath();
        assertThat(modules.getList("name", String.class)).containsExactly("nodejs");
    }

    @Test
    void nameFilterAndPaging() {
        store(RPMS, entry("python3", "rpms", List.of(), List.of()), entry("python-six", "rpms", List.of(), List.of()),
                entry("perl", "rpms", List.of(), List.of()), entry("Python-docs", "rpms", List.of(), List.of()));
        assertThat(Api.asAdmin().get("/api/v1/projects/alma?name=PYTHON").then().statusCode(200)
                .header("X-Total-Count", "3").extract().jsonPath().getList("name", String.class))
                .containsExactly("Python-docs", "python-six", "python3");
        assertThat(Api.asAdmin().get("/api/v1/projects/alma?page=2&page_size=3").then().statusCode(200)
                .header("X-Total-Count", "4").extract().jsonPath().getList("name", String.class))
                .containsExactly("python3");
        assertThat(Api.asAdmin().get("/api/v1/projects/alma?page=9&page_size=3").then().statusCode(200)
                .extract().jsonPath().getList("")).isEmpty();
        Api.asAdmin().get("/api/v1/projects/alma?page=0").then().statusCode(422).body("detail", notNullValue());
        Api.asAdmin().get("/api/v1/projects/alma?page_size=100000").then().statusCode(422)
                .body("detail", notNullValue());
        Api.asAdmin().get("/api/v1/projects/alma?page=x").then().statusCode(422).body("detail", notNullValue());
    }

    @Test
    void malformedEntriesAreSkippedAndCounted() throws InterruptedException {
        // the git cacher reads the index too (and counts what it skips): hold its lock so no refresh runs meanwhile
        String lock = "albs-test:" + org.albs.application.sources.GitCacher.LOCK;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"OK".equals(SourcesServices.redis().cli("SET", lock, "ProjectApiTest", "NX", "PX", "60000"))) {
            assertThat(System.nanoTime()).as("the git cacher's lock comes free").isLessThan(deadline);
            Thread.sleep(50);
        }
        try {
            countMalformedEntries();
        } finally {
            SourcesServices.redis().cli("DEL", lock);
        }
    }

    private void countMalformedEntries() {
        double before = malformedCount();
        store(RPMS, entry("good", "rpms", List.of("c8"), List.of("c8")),
                "\"rpms/no-tags\": {\"name\": \"no-tags\", \"full_name\": \"rpms/no-tags\", \"clone_url\": \"u\"}",
                "\"rpms/bad-name\": {\"name\": 5, \"full_name\": \"rpms/bad-name\", \"clone_url\": \"u\","
                        + " \"tags\": [], \"branches\": []}",
                "\"rpms/bad-tags\": {\"name\": \"bad-tags\", \"full_name\": \"rpms/bad-tags\", \"clone_url\": \"u\","
                        + " \"tags\": [1, {}], \"branches\": []}",
                "\"rpms/not-an-object\": [1, 2]");
        assertThat(Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class)).containsExactly("good");
        assertThat(malformedCount() - before).isEqualTo(4);
        // a whole index that is not JSON is empty, not a 500
        assertThat(SourcesServices.redis().cli("SET", RPMS, "{not json")).isEqualTo("OK");
        assertThat(Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(200).extract().jsonPath()
                .getList("")).isEmpty();
    }

    @Test
    void emptyOrMissingIndexIsAnEmptyList() {
        assertThat(Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(200).extract().jsonPath()
                .getList("")).isEmpty();
        store(MODULES);
        assertThat(Api.asAdmin().get("/api/v1/projects/alma/modularity").then().statusCode(200).extract()
                .jsonPath().getList("")).isEmpty();
    }

    @Test
    void authenticationIsRequired() {
        given().get("/api/v1/projects/alma").then().statusCode(403).body("detail", containsString("Not authenticated"));
        given().header("Authorization", "Bearer nonsense").get("/api/v1/projects/alma/modularity").then()
                .statusCode(401);
    }

    @Test
    void redisStoppedIs503WithDetail() {
        store(RPMS, entry("bash", "rpms", List.of(), List.of()));
        SourcesServices.redis().kill();
        try {
            Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(503)
                    .body("detail", containsString("project index"));
            Api.asAdmin().get("/api/v1/projects/alma/modularity").then().statusCode(503);
            // the rest of the server is unaffected
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            SourcesServices.redis().startAgain();
        }
        // back (empty: the server kept nothing) once Redis is
        store(RPMS, entry("bash", "rpms", List.of(), List.of()));
        assertThat(Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class)).containsExactly("bash");
    }

    private static double malformedCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("albs_project_index_malformed_entries_total{")
                        && l.contains("organisation=\"rpms\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

}
