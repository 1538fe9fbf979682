package org.albs.bootstrap.release;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.LocalPipeline;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.SignNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic pipeline end to end on the embedded store: a platform made through the API with
 * {@code data.auto_release} enabled and one sign key; a build of it gets its sign task once ALTS reported its tests
 * passed, and once the sign node signed it a release is planned; both steps show in
 * {@code GET /api/v1/builds/{id}/}.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class AutoReleaseFlowTest {
    @TempDir
    Path work;

    private static long createPlatform(String name) {
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("name", name + "-baseos");
        repo.put("arch", "x86_64");
        repo.put("url", "https://repo.example.com/" + name + "/x86_64/os/");
        repo.put("type", "rpm");
        repo.put("debug", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "rpm");
        body.put("distr_type", "rhel");
        body.put("distr_version", "8");
        body.put("contact_mail", "packager@example.com");
        body.put("arch_list", List.of("x86_64"));
        body.put("data", Map.of("mock", Map.of("releasever", "8"), "auto_release", Map.of("enabled", true)));
        body.put("repos", new ArrayList<>(List.of(repo)));
        return Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/platforms/").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aBuildOfAnAutoReleasePlatformIsSignedAndReleasedAndItsBuildShowsEachStep() throws Exception {
        LocalPipeline pipeline = new LocalPipeline(work);
        String platform = Api.unique("AutoRel");
        long platformId = createPlatform(platform);
        LocalPipeline.Signer signer = pipeline.signer(List.of(platformId));
        String keyid = signer.gpg().keyid.toUpperCase();

        String name = Api.unique("auto");
        long buildId = pipeline.build(Node.create("auto-release"), platform, List.of("x86_64"), name).buildId();
        assertThat(SignNode.signTask(buildId).getList("$")).as("its tests are waiting for ALTS").isEmpty();

        Api.ServiceUser alts = Api.createServiceUser("alts");
        int reported = 0;
        for (int poll = 0; poll < 20 && reported < 2; poll++) {
            for (Map<String, Object> test : alts.request().when().get("/api/v1/tests/get_test_tasks/").then()
                    .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$")) {
                if (((String) test.get("package_name")).startsWith(name)) {
                    alts.request().contentType(ContentType.JSON).body(Map.of("api_version", "20210512", "result",
                            Map.of("install_package", Map.of("success", true)), "stats", Map.of())).when()
                            .post("/api/v1/tests/" + test.get("bs_task_id") + "/result/").then().statusCode(200);
                    reported++;
                }
            }
        }
        assertThat(reported).as("the package and its noarch subpackage were tested").isEqualTo(2);
        Node.awaitJobs(buildId);

        JsonPath signTasks = SignNode.signTask(buildId);
        assertThat(signTasks.getList("$")).as("the pipeline made the sign task once the tests passed").hasSize(1);
        long taskId = signTasks.getLong("[0].id");
        JsonPath build = Node.getBuild(buildId);
        assertThat(build.getList("pipeline.event")).containsExactly("sign_task_created");
        assertThat(build.getString("pipeline[0].message")).isEqualTo("sign task " + taskId + " created with key "
                + keyid);
        assertThat(build.getString("pipeline[0].at")).isNotBlank();

        pipeline.sign(buildId, taskId, signer);

        build = Node.getBuild(buildId);
        assertThat(build.getList("pipeline.event")).containsExactly("sign_task_created", "release_planned");
        String planned = build.getString("pipeline[1].message");
        assertThat(planned).as("nothing of a new platform has trust 1").matches(
                "release \\d+ planned: \\d+ package\\(s\\) below trust 1, left for review");
        long releaseId = Long.parseLong(planned.split(" ")[1]);
        JsonPath release = ReleaseFlowTest.release(releaseId);
        assertThat(release.getInt("status")).as("left SCHEDULED for a person's review").isEqualTo(1);
        assertThat(release.getList("build_ids", Integer.class)).containsExactly((int) buildId);
        assertThat(release.getString("owner.username")).as("made as the build's owner").isEqualTo("admin");
    }
}
