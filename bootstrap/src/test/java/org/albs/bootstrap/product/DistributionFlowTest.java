package org.albs.bootstrap.product;

import static org.albs.bootstrap.support.ServedRepositories.get;
import static org.albs.bootstrap.support.ServedRepositories.primary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.adapter.out.localstore.Rpms;
import org.albs.application.product.ProductService;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.LocalPipeline;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
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

    private static String served(String repoName) {
        return LocalStoreProfile.baseUrl() + "/content/" + ProductRepository.BASE + repoName + "/";
    }

    @Test
    void aBuildGoesIntoADistributionsRepositoriesOnceAndOutAgain() throws Exception {
        Node node = Node.create("distro-node");
        String pkg = Api.unique("omega");
        LocalPipeline.Built build = new LocalPipeline(work).build(node, PLATFORM, List.of("x86_64"), pkg);
        long buildId = build.buildId();
        Rpms.Built built = new Rpms.Built(build.sources().sourceRpm(), build.binaries().get("x86_64").binaries());

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
