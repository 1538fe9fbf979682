package org.albs.bootstrap.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.BeholderStub;
import org.albs.bootstrap.support.LocalPipeline;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release end to end on the embedded store: real packages built, imported and signed; a plan made with the (stub)
 * package knowledge base; a commit refused while the build is unsigned; the plan edited; the commit putting the
 * signed packages into production repositories the store creates and dnf reads; the guards of every state; the
 * revert taking exactly those packages out again.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class ReleaseFlowTest {
    static final String PLATFORM = "AlmaLinux-8";

    @TempDir
    Path work;

    private LocalPipeline pipeline;

    @BeforeEach
    void pipeline() {
        pipeline = new LocalPipeline(work);
    }

    static long platformId(String name) {
        List<Map<String, Object>> platforms = Api.asAdmin().when().get("/api/v1/platforms/").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return platforms.stream().filter(p -> p.get("name").equals(name)).map(p -> ((Number) p.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    static ValidatableResponse create(Object body) {
        return Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/releases/new/").then().log().ifValidationFails();
    }

    static JsonPath release(long id) {
        return Api.asAdmin().when().get("/api/v1/releases/{id}/", id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits (60 s at most) until the release's job ended: its status is no longer IN_PROGRESS. */
    static JsonPath awaitEnd(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonPath r = release(id);
            if (r.getInt("status") != 2) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("release " + id + " is still in progress: " + r.prettify());
            }
            Thread.sleep(50);
        }
    }

    /** Each planned package by file name: "repository [arches] trust". */
    static Map<String, String> targets(JsonPath release) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map<String, Object> p : release.<Map<String, Object>>getList("plan.packages")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> repo = ((List<Map<String, Object>>) p.get("repositories")).get(0);
            targets.put((String) ((Map<?, ?>) p.get("package")).get("full_name"), repo.get("name") + " "
                    + p.get("repo_arch_location") + " " + repo.get("trustness"));
        }
        return targets;
    }

    static String prod(String name, String arch) {
        return LocalStoreProfile.baseUrl() + "/content/prod/" + name + "/" + arch + "/";
    }

    @Test
    void aSignedBuildIsPlannedEditedCommittedIntoProductionAndReverted() throws Exception {
        long platform = platformId(PLATFORM);
        String name = Api.unique("rel");
        String srpm = name + "-1.0-1.el8.src.rpm";
        BeholderStub.shared().projects("AlmaLinux", "8", srpm, Map.of(
                "exact", List.of(BeholderStub.pkg(name, "1.0", "x86_64", "almalinux-8-appstream", "x86_64"),
                        BeholderStub.pkg(name, "1.0", "src", "almalinux-8-appstream", "src")),
                "closest", List.of(BeholderStub.pkg(name + "-sub1", "1.0", "noarch", "almalinux-8-baseos",
                        "x86_64"))));
        LocalPipeline.Built built = pipeline.build(Node.create("release"), PLATFORM, List.of("i686", "x86_64"),
                name);
        long buildId = built.buildId();

        JsonPath planned = create(Map.of("builds", List.of(buildId), "platform_id", platform)).statusCode(200)
                .body("status", equalTo(1)).body("build_ids", equalTo(List.of((int) buildId)))
                .body("owner.username", equalTo("admin")).body("created_by.username", equalTo("admin"))
                .body("platform.name", equalTo(PLATFORM)).extract().jsonPath();
        long releaseId = planned.getLong("id");
        String x86 = name + "-1.0-1.el8.x86_64.rpm";
        String i686 = name + "-1.0-1.el8.i686.rpm";
        String noarch = name + "-sub1-1.0-1.el8.noarch.rpm";
        assertThat(targets(planned)).as("beholder's layout: exact 1, closest 2, unknown to devel with 0")
                .containsOnly(Map.entry(srpm, "almalinux-8-appstream [src] 1"),
                        Map.entry(x86, "almalinux-8-appstream [x86_64] 1"),
                        Map.entry(i686, "almalinux-8-devel [i686] 0"),
                        Map.entry(noarch, "almalinux-8-baseos [i686, x86_64, aarch64, ppc64le, s390x] 2"));

        Api.asAdmin().when().post("/api/v1/releases/{id}/commit/", releaseId).then().statusCode(200)
                .body("release.status", equalTo(2)).body("message", notNullValue());
        JsonPath refused = awaitEnd(releaseId);
        assertThat(refused.getInt("status")).as("an unsigned build is refused").isEqualTo(4);
        assertThat(refused.getString("plan.last_log")).startsWith("Cannot commit release:").contains("not signed")
                .contains(x86).contains(srpm);
        assertThat(pipeline.get(prod("almalinux-8-appstream", "x86_64") + "repodata/repomd.xml", null)
                .statusCode()).as("a refused commit changes nothing").isIn(200, 404);

        LocalPipeline.Signer signer = pipeline.signer(List.of(platform));
        Map<String, String> signed = pipeline.sign(buildId, signer);

        List<Map<String, Object>> edited = new ArrayList<>(planned.<Map<String, Object>>getList("plan.packages"));
        long appstreamX86 = planned.<Map<String, Object>>getList("plan.repositories").stream()
                .filter(r -> r.get("name").equals("almalinux-8-appstream") && r.get("arch").equals("x86_64"))
                .map(r -> ((Number) r.get("id")).longValue()).findFirst().orElseThrow();
        for (int i = 0; i < edited.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>(edited.get(i));
            if (((Map<?, ?>) entry.get("package")).get("full_name").equals(noarch)) {
                entry.put("repositories", List.of(Map.of("id", appstreamX86, "name", "almalinux-8-appstream",
                        "arch", "x86_64", "debug", false)));
                entry.put("repo_arch_location", List.of("x86_64", "aarch64"));
                edited.set(i, entry);
            }
        }
        JsonPath afterEdit = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("plan", Map.of("packages",
                edited))).when().put("/api/v1/releases/{id}/", releaseId).then().statusCode(200)
                .body("status", equalTo(4)).extract().jsonPath();
        assertThat(targets(afterEdit)).containsEntry(noarch, "almalinux-8-appstream [x86_64, aarch64] 0");

        Api.asAdmin().when().post("/api/v1/releases/{id}/commit/", releaseId).then().statusCode(200);
        Api.asAdmin().when().post("/api/v1/releases/{id}/commit/", releaseId).then().statusCode(409)
                .body("detail", containsString("cannot be committed"));
        JsonPath committed = awaitEnd(releaseId);
        assertThat(committed.getInt("status")).as(committed.getString("plan.last_log")).isEqualTo(3);
        assertThat(committed.getString("plan.last_log")).startsWith("Successfully committed release");

        Map<String, String> appstream = pipeline.primary(prod("almalinux-8-appstream", "x86_64"));
        assertThat(appstream).as("the signed packages, each once")
                .containsOnly(Map.entry(x86, signed.get(x86)), Map.entry(noarch, signed.get(noarch)));
        assertThat(pipeline.primary(prod("almalinux-8-appstream", "aarch64")))
                .containsOnly(Map.entry(noarch, signed.get(noarch)));
        assertThat(pipeline.primary(prod("almalinux-8-appstream", "src")))
                .containsOnly(Map.entry(srpm, signed.get(srpm)));
        assertThat(pipeline.primary(prod("almalinux-8-devel", "i686")))
                .containsOnly(Map.entry(i686, signed.get(i686)));
        assertThat(pipeline.dnfList(prod("almalinux-8-appstream", "x86_64")))
                .containsExactly(name + "-1.0-1.el8.x86_64", name + "-sub1-1.0-1.el8.noarch");
        assertThat(pipeline.primary(prod("almalinux-8-baseos", "x86_64")))
                .as("made for the first plan's target, left empty by the edit").isEmpty();
        assertThat(pipeline.get(prod("almalinux-8-powertools", "x86_64") + "repodata/repomd.xml", null)
                .statusCode()).as("a production repository no plan targets is not made").isEqualTo(404);
        Api.asAdmin().when().get("/api/v1/repositories/{id}/", appstreamX86).then().statusCode(200)
                .body("production", equalTo(true)).body("pulp_href", notNullValue());

        assertThat(Node.getBuild(buildId).getBoolean("released")).isTrue();
        Api.asAdmin().when().delete("/api/v1/builds/{id}/remove", buildId).then().statusCode(409);
        Api.asAdmin().when().post("/api/v1/releases/{id}/commit/", releaseId).then().statusCode(409)
                .body("detail", equalTo("Release " + releaseId + " is completed: it cannot be committed (only a "
                        + "scheduled or failed release can)"));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("builds", List.of(buildId)))
                .when().put("/api/v1/releases/{id}/", releaseId).then().statusCode(409);
        Api.asAdmin().when().delete("/api/v1/releases/{id}/delete", releaseId).then().statusCode(409);

        Api.asAdmin().queryParam("pageNumber", 1).queryParam("package_name", name).when().get("/api/v1/releases/")
                .then().statusCode(200).body("releases.id", equalTo(List.of((int) releaseId)))
                .body("total_releases", equalTo(1)).body("current_page", equalTo(1));
        Api.asAdmin().queryParam("pageNumber", 1).queryParam("status", 3).queryParam("platform_id", platform)
                .when().get("/api/v1/releases/").then().statusCode(200).body("releases.id", hasItem((int) releaseId));
        Api.asAdmin().queryParam("pageNumber", 1).queryParam("status", 1).when().get("/api/v1/releases/")
                .then().statusCode(200).body("releases.id", not(hasItem((int) releaseId)));

        Api.asAdmin().when().post("/api/v1/releases/{id}/revert/", releaseId).then().statusCode(200)
                .body("release.status", equalTo(2));
        JsonPath reverted = awaitEnd(releaseId);
        assertThat(reverted.getInt("status")).as(reverted.getString("plan.last_log")).isEqualTo(5);
        assertThat(pipeline.primary(prod("almalinux-8-appstream", "x86_64"))).isEmpty();
        assertThat(pipeline.primary(prod("almalinux-8-appstream", "src"))).isEmpty();
        assertThat(pipeline.primary(prod("almalinux-8-devel", "i686"))).isEmpty();
        assertThat(Node.getBuild(buildId).getBoolean("released")).isFalse();
        Api.asAdmin().when().post("/api/v1/releases/{id}/commit/", releaseId).then().statusCode(409);
    }
}
