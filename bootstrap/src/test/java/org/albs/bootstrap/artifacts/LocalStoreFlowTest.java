package org.albs.bootstrap.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.adapter.out.localstore.Rpms;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.GpgKey;
import org.albs.bootstrap.support.LocalPipeline;
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.domain.artifacts.BuildRepositories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on one machine, without Pulp: real packages built with rpmbuild, uploaded through the server's
 * own Pulp upload routes as the build node uploads them (chunks in parallel and out of order), reported with
 * build_done, imported by the store jobs into yum repositories that createrepo_c indexes, and read back over HTTP by
 * the real dnf.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(LocalStoreProfile.class)
class LocalStoreFlowTest {
    private static final String PLATFORM = "AlmaLinux-8";
    @TempDir
    Path work;

    private LocalPipeline pipeline;

    private HttpResponse<byte[]> get(String url, String range) throws Exception {
        return pipeline.get(url, range);
    }

    private static String repoUrl(long buildId, String arch) {
        return LocalStoreProfile.baseUrl() + "/content/builds/" + BuildRepositories.rpmName(PLATFORM, arch, buildId,
                false) + "/";
    }

    private static String file(Path p) {
        return p.getFileName().toString();
    }

    @Test
    void aBuildGoesThroughTheEmbeddedStoreIntoRepositoriesThatDnfReads() throws Exception {
        pipeline = new LocalPipeline(work);
        Node node = Node.create("localstore");
        String name = Api.unique("chan");
        long buildId = Node.createBuild(Api.adminToken(), Node.buildBody(PLATFORM, List.of("i686", "x86_64"), false,
                "https://git.almalinux.org/rpms/" + name + ".git")).getLong("id");

        JsonPath src = node.getTask(Node.X86_WITH_SRC);
        assertThat(src.getString("arch")).isEqualTo("src");
        List<String> urls = src.getList("repositories.url", String.class);
        assertThat(urls).as("the build's own repositories, served by this server").contains(repoUrl(buildId, "x86_64"));
        assertThat(get(repoUrl(buildId, "x86_64") + "repodata/repomd.xml", null).statusCode())
                .as("a new build's repositories are real, empty yum repositories").isEqualTo(200);

        Rpms.Built sources = Rpms.build(work.resolve("src"), name, "0", "1.0", "1.el8", "x86_64", 1, true);
        String srpmSha = Blobs.sha256Of(sources.sourceRpm());
        node.buildDone(src.getLong("id"), "done", pipeline.reportAll(List.of(sources.sourceRpm()), src.getLong("id")))
                .then().statusCode(200);

        Map<String, Rpms.Built> binaries = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            JsonPath task = node.getTask(Node.X86_WITH_SRC);
            assertThat(task).as("an arch task after the SRPM was imported").isNotNull();
            String arch = task.getString("arch");
            String srpmUrl = task.getString("built_srpm_url");
            assertThat(srpmUrl).startsWith(LocalStoreProfile.baseUrl() + "/content/builds/");
            HttpResponse<byte[]> srpm = get(srpmUrl, null);
            assertThat(srpm.statusCode()).isEqualTo(200);
            Path downloaded = Files.write(work.resolve(file(sources.sourceRpm())), srpm.body());
            assertThat(Blobs.sha256Of(downloaded)).as("the SRPM the node uploaded, served back").isEqualTo(srpmSha);

            Rpms.Built built = Rpms.build(work.resolve(arch), name, "0", "1.0", "1.el8", arch, 1, true);
            binaries.put(arch, built);
            node.buildDone(task.getLong("id"), "done", pipeline.reportAll(built.binaries(), task.getLong("id")))
                    .then().statusCode(200);
        }
        assertThat(binaries).containsOnlyKeys("i686", "x86_64");
        Node.awaitJobs(buildId);

        String noarch = name + "-sub1-1.0-1.el8.noarch.rpm";
        Map<String, String> x86 = pipeline.primary(repoUrl(buildId, "x86_64"));
        Map<String, String> i686 = pipeline.primary(repoUrl(buildId, "i686"));
        assertThat(x86).containsEntry(name + "-1.0-1.el8.x86_64.rpm",
                Blobs.sha256Of(binaries.get("x86_64").binaries().stream()
                        .filter(p -> file(p).endsWith(".x86_64.rpm")).findFirst().orElseThrow()));
        assertThat(i686).containsEntry(name + "-1.0-1.el8.i686.rpm",
                Blobs.sha256Of(binaries.get("i686").binaries().stream()
                        .filter(p -> file(p).endsWith(".i686.rpm")).findFirst().orElseThrow()));
        String canonical = Blobs.sha256Of(binaries.get("i686").binaries().stream()
                .filter(p -> file(p).equals(noarch)).findFirst().orElseThrow());
        assertThat(i686).as("noarch from the first arch of the platform").containsEntry(noarch, canonical);
        assertThat(x86).as("the same noarch package in every arch's repository").containsEntry(noarch, canonical);
        assertThat(pipeline.primary(LocalStoreProfile.baseUrl() + "/content/builds/"
                + BuildRepositories.rpmName(PLATFORM, "src", buildId, false) + "/"))
                .containsExactly(Map.entry(file(sources.sourceRpm()), srpmSha));

        assertThat(pipeline.dnfList(repoUrl(buildId, "x86_64")))
                .contains(name + "-1.0-1.el8.x86_64", name + "-sub1-1.0-1.el8.noarch");
        assertThat(pipeline.dnfList(repoUrl(buildId, "i686")))
                .containsExactly(name + "-1.0-1.el8.i686", name + "-sub1-1.0-1.el8.noarch");

        String packageUrl = repoUrl(buildId, "x86_64") + "Packages/" + noarch.charAt(0) + "/" + noarch;
        HttpResponse<byte[]> whole = get(packageUrl, null);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(whole.body().length);
        HttpResponse<byte[]> part = get(packageUrl, "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, 200));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + whole.body().length);

        // the web UI fetches packages and logs from {its origin}/pulp/content/… (docs/frontend-calls.md §3)
        String uiPackageUrl = packageUrl.replace("/content/", "/pulp/content/");
        HttpResponse<byte[]> viaUi = get(uiPackageUrl, null);
        assertThat(viaUi.statusCode()).isEqualTo(200);
        assertThat(viaUi.body()).isEqualTo(whole.body());
        HttpResponse<byte[]> uiPart = get(uiPackageUrl, "bytes=100-199");
        assertThat(uiPart.statusCode()).isEqualTo(206);
        assertThat(uiPart.body()).isEqualTo(part.body());
        String logName = Node.getBuild(buildId).getString(
                "tasks.artifacts.flatten().find { it.type == 'build_log' }.name");
        HttpResponse<byte[]> log = get(LocalStoreProfile.baseUrl() + "/pulp/content/build_logs/"
                + BuildRepositories.logRepository(buildId, org.albs.domain.artifacts.BuildRepository.BUILD_LOG)
                + "/" + logName, null);
        assertThat(log.statusCode()).as("the build log the UI's log page reads").isEqualTo(200);
        assertThat(new String(log.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("build log of task ");

        LocalPipeline.Signer signer = pipeline.signer(List.of());
        String signedNoarch = pipeline.sign(buildId, signer).get(noarch);
        GpgKey gpg = signer.gpg();
        assertThat(pipeline.primary(repoUrl(buildId, "x86_64"))).as("the signed package replaced the unsigned one")
                .containsEntry(noarch, signedNoarch);
        Path served = Files.write(work.resolve("served-" + noarch), get(packageUrl, null).body());
        assertThat(Blobs.sha256Of(served)).isEqualTo(signedNoarch);
        assertThat(gpg.check(served, true)).as("served from the repository, signed by the key")
                .contains("digests signatures OK");
        assertThat(gpg.check(served, false)).contains("SIGNATURES NOT OK");

        Api.asAdmin().when().delete("/api/v1/builds/{id}/remove", buildId).then().statusCode(204);
        Node.awaitJobs(buildId);
        assertThat(get(repoUrl(buildId, "x86_64") + "repodata/repomd.xml", null).statusCode())
                .as("a deleted build's repositories are no longer served").isEqualTo(404);
        Blobs blobs = new Blobs(LocalStoreProfile.DIR);
        assertThat(blobs.find(srpmSha)).as("nothing else holds the build's blobs: they are gone").isEmpty();
        assertThat(blobs.find(canonical)).isEmpty();
        assertThat(blobs.find(signedNoarch)).isEmpty();
    }
}
