package org.albs.bootstrap.artifacts;

import static org.albs.bootstrap.support.ServedRepositories.get;
import static org.albs.bootstrap.support.ServedRepositories.primary;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.albs.bootstrap.support.LocalStoreProfile;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpUploadClient;
import org.albs.bootstrap.support.ServedRepositories;
import org.albs.bootstrap.support.SignNode;
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

    private final PulpUploadClient uploads = LocalStoreProfile.uploads();

    private Map<String, Object> report(Path file, String type) {
        PulpUploadClient.Uploaded u = uploads.upload(file);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", file.getFileName().toString());
        a.put("type", type);
        a.put("href", u.href());
        a.put("sha256", u.sha256());
        a.put("path", file.toString());
        a.put("cas_hash", null);
        return a;
    }

    private List<Map<String, Object>> reportAll(List<Path> rpms, long taskId) throws IOException {
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (Path rpm : rpms) {
            artifacts.add(report(rpm, "rpm"));
        }
        Path log = work.resolve("albs." + taskId + ".log");
        Files.writeString(log, "build log of task " + taskId + "\n");
        artifacts.add(report(log, "build_log"));
        return artifacts;
    }

    private static String repoUrl(long buildId, String arch) {
        return LocalStoreProfile.baseUrl() + "/content/builds/" + BuildRepositories.rpmName(PLATFORM, arch, buildId,
                false) + "/";
    }

    private List<String> dnfList(String repoUrl) throws Exception {
        return ServedRepositories.dnfList(repoUrl, work);
    }

    private static String file(Path p) {
        return p.getFileName().toString();
    }

    @Test
    void aBuildGoesThroughTheEmbeddedStoreIntoRepositoriesThatDnfReads() throws Exception {
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
        node.buildDone(src.getLong("id"), "done", reportAll(List.of(sources.sourceRpm()), src.getLong("id")))
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
            node.buildDone(task.getLong("id"), "done", reportAll(built.binaries(), task.getLong("id")))
                    .then().statusCode(200);
        }
        assertThat(binaries).containsOnlyKeys("i686", "x86_64");
        Node.awaitJobs(buildId);

        String noarch = name + "-sub1-1.0-1.el8.noarch.rpm";
        Map<String, String> x86 = primary(repoUrl(buildId, "x86_64"));
        Map<String, String> i686 = primary(repoUrl(buildId, "i686"));
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
        assertThat(primary(LocalStoreProfile.baseUrl() + "/content/builds/"
                + BuildRepositories.rpmName(PLATFORM, "src", buildId, false) + "/"))
                .containsExactly(Map.entry(file(sources.sourceRpm()), srpmSha));

        assertThat(dnfList(repoUrl(buildId, "x86_64")))
                .contains(name + "-1.0-1.el8.x86_64", name + "-sub1-1.0-1.el8.noarch");
        assertThat(dnfList(repoUrl(buildId, "i686")))
                .containsExactly(name + "-1.0-1.el8.i686", name + "-sub1-1.0-1.el8.noarch");

        String packageUrl = repoUrl(buildId, "x86_64") + "Packages/" + noarch.charAt(0) + "/" + noarch;
        HttpResponse<byte[]> whole = get(packageUrl, null);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(whole.body().length);
        HttpResponse<byte[]> part = get(packageUrl, "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, 200));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + whole.body().length);

        String signedNoarch = signThroughTheStore(buildId);
        assertThat(primary(repoUrl(buildId, "x86_64"))).as("the signed package replaced the unsigned one")
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

    private GpgKey gpg;

    /**
     * A sign node's work, as albs-sign-node does it: take the task, download every package from its
     * {@code download_url} (served by this server), sign it with rpmsign, upload the signed file through the Pulp
     * upload routes, complete. Returns the sha256 of the signed noarch package.
     */
    private String signThroughTheStore(long buildId) throws Exception {
        gpg = GpgKey.generate(Files.createDirectories(work.resolve("signer")));
        long key = SignNode.createKey(gpg.keyid, gpg.fingerprint);
        long taskId = SignNode.createSignTask(buildId, key);
        SignNode signer = SignNode.create("local-signer", gpg.keyid.toLowerCase());
        JsonPath task = signer.getSignTask();
        assertThat(task.getLong("id")).isEqualTo(taskId);
        Map<String, Map<String, Object>> uploaded = new LinkedHashMap<>();
        List<Map<String, Object>> packages = new ArrayList<>();
        String signedNoarch = null;
        for (Map<String, Object> p : task.<Map<String, Object>>getList("packages")) {
            String name = (String) p.get("name");
            Map<String, Object> upload = uploaded.get(name);
            if (upload == null) {
                HttpResponse<byte[]> download = get((String) p.get("download_url"), null);
                assertThat(download.statusCode()).as("download_url of %s", name).isEqualTo(200);
                Path file = Files.write(Files.createDirectories(work.resolve("signing")).resolve(name),
                        download.body());
                gpg.sign(file);
                PulpUploadClient.Uploaded u = uploads.upload(file);
                upload = Map.of("href", u.href(), "sha256", u.sha256());
                uploaded.put(name, upload);
                if (name.endsWith(".noarch.rpm")) {
                    signedNoarch = u.sha256();
                }
            }
            Map<String, Object> report = new LinkedHashMap<>(p);
            report.remove("download_url");
            report.put("fingerprint", gpg.fingerprint);
            report.putAll(upload);
            packages.add(report);
        }
        signer.complete(taskId, SignNode.success(buildId, packages)).then().statusCode(200);
        Node.awaitJobs(buildId);
        assertThat(SignNode.signTask(buildId).getInt("[0].status")).as("the sign task completed").isEqualTo(3);
        assertThat(Node.getBuild(buildId).getBoolean("signed")).isTrue();
        return signedNoarch;
    }
}
