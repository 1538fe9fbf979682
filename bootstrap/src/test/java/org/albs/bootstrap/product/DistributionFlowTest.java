package org.albs.bootstrap.product;

import static org.albs.bootstrap.support.ServedRepositories.get;
import static org.albs.bootstrap.support.ServedRepositories.primary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.adapter.out.localstore.Rpms;
import org.albs.application.product.ProductService;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpUploadClient;
import org.albs.bootstrap.support.ServedRepositories;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distribution end to end on the embedded store: real packages built with rpmbuild, built and imported as a build
 * node delivers them, the distribution's repositories made by its job, the build added (its packages served from
 * the distribution's repositories, read by the real dnf), added again (nothing changes), removed (gone).
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class DistributionFlowTest {
    private static final String PLATFORM = "AlmaLinux-8";

    @TempDir
    Path work;

    private final PulpUploadClient uploads = LocalStoreProfile.uploads();

    private Map<String, Object> report(Path file) {
        PulpUploadClient.Uploaded u = uploads.upload(file);
        return Map.of("name", file.getFileName().toString(), "type", "rpm", "href", u.href(), "sha256", u.sha256(),
                "path", file.toString());
    }

    private static String served(String repoName) {
        return LocalStoreProfile.baseUrl() + "/content/" + ProductRepository.BASE + repoName + "/";
    }

    /** A build of {@code name} for x86_64 whose src and x86_64 tasks the node completed; the node's packages. */
    private Rpms.Built build(Node node, String name, long[] buildId) {
        buildId[0] = Node.createBuild(Api.adminToken(), Node.buildBody(PLATFORM, List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/" + name + ".git")).getLong("id");
        JsonPath src = node.getTask(List.of("src", "x86_64"));
        Rpms.Built sources = Rpms.build(work.resolve("src"), name, "0", "1.0", "1.el8", "x86_64", 1, true);
        node.buildDone(src.getLong("id"), "done", List.of(report(sources.sourceRpm()))).then().statusCode(200);
        Node.awaitJobs(buildId[0]);
        JsonPath x86 = node.getTask(List.of("x86_64"));
        assertThat(x86.getLong("build_id")).isEqualTo(buildId[0]);
        Rpms.Built binaries = Rpms.build(work.resolve("x86_64"), name, "0", "1.0", "1.el8", "x86_64", 1, true);
        List<Map<String, Object>> artifacts = new ArrayList<>();
        binaries.binaries().forEach(p -> artifacts.add(report(p)));
        node.buildDone(x86.getLong("id"), "done", artifacts).then().statusCode(200);
        Node.awaitJobs(buildId[0]);
        return new Rpms.Built(sources.sourceRpm(), binaries.binaries());
    }

    @Test
    void aBuildGoesIntoADistributionsRepositoriesOnceAndOutAgain() throws Exception {
        Node node = Node.create("distro-node");
        String pkg = Api.unique("omega");
        long[] id = new long[1];
        Rpms.Built built = build(node, pkg, id);
        long buildId = id[0];

        String name = Api.unique("dist");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "platforms", List.of(PLATFORM)))
                .when().post("/api/v1/distro/").then().statusCode(200);
        Node.awaitJobs(ProductService.NO_BUILD);
        String x86 = served(Product.repositoryName("admin", name, PLATFORM, "x86_64", false));
        String src = served(Product.repositoryName("admin", name, PLATFORM, "src", false));
        assertThat(get(x86 + "repodata/repomd.xml", null).statusCode())
                .as("the distribution's repositories exist, empty, served under copr/").isEqualTo(200);
        assertThat(primary(x86)).isEmpty();

        Api.asAdmin().when().post("/api/v1/distro/add/{b}/{d}/", buildId, name).then().statusCode(200);
        Node.awaitJobs(buildId);
        assertThat(ServedRepositories.dnfList(x86, work)).containsExactly(pkg + "-1.0-1.el8.x86_64",
                pkg + "-sub1-1.0-1.el8.noarch");
        Map<String, String> x86Packages = primary(x86);
        for (Path p : built.binaries()) {
            assertThat(x86Packages).containsEntry(p.getFileName().toString(), Blobs.sha256Of(p));
        }
        assertThat(primary(src)).containsExactly(Map.entry(built.sourceRpm().getFileName().toString(),
                Blobs.sha256Of(built.sourceRpm())));

        byte[] repomd = get(x86 + "repodata/repomd.xml", null).body();
        Api.asAdmin().when().post("/api/v1/distro/add/{b}/{d}/", buildId, name).then().statusCode(200);
        Node.awaitJobs(buildId);
        assertThat(get(x86 + "repodata/repomd.xml", null).body()).as("adding twice changes nothing")
                .isEqualTo(repomd);

        Api.asAdmin().when().delete("/api/v1/builds/{id}/remove", buildId).then().statusCode(409)
                .body("detail", containsString("remove it from distribution " + name + " first"));
        Api.asAdmin().when().post("/api/v1/distro/remove/{b}/{d}/", buildId, name).then().statusCode(200);
        Node.awaitJobs(buildId);
        assertThat(primary(x86)).isEmpty();
        assertThat(primary(src)).isEmpty();
        assertThat(ServedRepositories.dnfList(x86, work)).isEmpty();
        Api.asAdmin().when().delete("/api/v1/builds/{id}/remove", buildId).then().statusCode(204);
    }
}
