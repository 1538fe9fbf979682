package org.albs.bootstrap.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.fakes.Packages;
import org.albs.bootstrap.support.GpgKey;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.bootstrap.support.SignNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real signing path once: a throw-away GnuPG key, tiny packages built with {@code rpmbuild} and signed with
 * {@code rpmsign} as the sign node signs them, uploaded to the store, the task completed and processed. The store in
 * use is the suite's fake Pulp, which serves no files: the test checks that the signed files are the ones the store
 * recorded and the build's artifacts and repositories now point at (checksums), and that {@code rpm -K} accepts their
 * signature with the key's public half and with nothing else. Serving them from the repository and checking the
 * served file is left for the embedded store.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class RealSigningTest {
    @Inject
    StoreJobService jobs;
    @Inject
    AgroalDataSource db;

    @TempDir
    Path dir;

    private String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return GpgKey.run(dir, env, command);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aPackageSignedWithRpmsignIsWhatTheBuildPointsAtAndRpmAcceptsItsSignature() throws Exception {
        GpgKey gpg = GpgKey.generate(dir);
        String keyid = gpg.keyid;
        String fingerprint = gpg.fingerprint;
        assertThat(keyid).hasSize(16);
        assertThat(fingerprint).hasSize(40);

        Files.writeString(dir.resolve("tinysig.spec"), """
                Name: tinysig
                Version: 1.0
                Release: 1.el8
                Summary: a package to sign
                License: MIT
                BuildArch: noarch
                %description
                A package to sign.
                %install
                mkdir -p %{buildroot}/usr/share/tinysig && echo hi > %{buildroot}/usr/share/tinysig/README
                %files
                /usr/share/tinysig/README
                """);
        run(Map.of(), "rpmbuild", "-ba", "--quiet", "--define", "_topdir " + dir.resolve("top"), "tinysig.spec");
        Map<String, Path> local = Map.of(
                "tinysig-1.0-1.el8.src.rpm", dir.resolve("top/SRPMS/tinysig-1.0-1.el8.src.rpm"),
                "tinysig-1.0-1.el8.noarch.rpm", dir.resolve("top/RPMS/noarch/tinysig-1.0-1.el8.noarch.rpm"));

        SignedBuilds builds = new SignedBuilds(jobs, db);
        long key = SignNode.createKey(keyid.toLowerCase(), fingerprint.toLowerCase());
        long build = builds.readyBuild("tinysig-1.0-1.el8.src.rpm", List.of("tinysig-1.0-1.el8.noarch.rpm"));
        long taskId = SignNode.createSignTask(build, key);
        SignNode node = SignNode.create("real-signer", keyid);
        JsonPath task = node.getSignTask();
        assertThat(task.getLong("id")).isEqualTo(taskId);

        // the node: "download" (the files built here), rpmsign, sha256, upload, complete
        Map<String, String[]> uploaded = new HashMap<>();
        List<Map<String, Object>> packages = new ArrayList<>();
        for (Map<String, Object> p : task.<Map<String, Object>>getList("packages")) {
            String name = (String) p.get("name");
            String[] up = uploaded.get(name);
            if (up == null) {
                Path signed = Files.copy(local.get(name), dir.resolve("signed-" + name));
                gpg.sign(signed);
                String href = PulpStub.artifactHref();
                String sha = sha256(signed);
                PulpStub.shared().register(href, sha, Packages.meta(name));
                up = new String[] {href, sha, signed.toString()};
                uploaded.put(name, up);
            }
            Map<String, Object> report = new LinkedHashMap<>(p);
            report.remove("download_url");
            report.put("fingerprint", fingerprint);
            report.put("sha256", up[1]);
            report.put("href", up[0]);
            packages.add(report);
        }
        node.complete(taskId, SignNode.success(build, packages)).then().statusCode(200);
        builds.drain();

        assertThat(SignNode.signTask(build).getInt("[0].status")).isEqualTo(3);
        JsonPath b = Node.getBuild(build);
        assertThat(b.getBoolean("signed")).isTrue();
        List<Map<String, Object>> rpms = b.getList("tasks.artifacts.flatten().findAll { it.type == 'rpm' }");
        for (Map<String, Object> a : rpms) {
            String[] up = uploaded.get((String) a.get("name"));
            assertThat(a.get("href")).as("re-pointed to the signed upload").isEqualTo(up[0]);
            assertThat(a.get("sha256")).isEqualTo(up[1]);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) a.get("meta");
            assertThat(meta.get("sha256")).as("the checksum the store computed").isEqualTo(up[1]);
            assertThat(((Number) a.get("sign_key_id")).longValue()).isEqualTo(key);
        }
        assertThat(PulpStub.shared().content(SignedBuilds.PLATFORM + "-x86_64-" + build + "-br")).hasSize(1);

        // rpm accepts the signature with the key's public half, and only with it
        for (String[] up : uploaded.values()) {
            assertThat(gpg.check(Path.of(up[2]), false)).contains("SIGNATURES NOT OK");
            assertThat(gpg.check(Path.of(up[2]), true)).contains("digests signatures OK");
            assertThat(run(Map.of(), "rpm", "-qp", "--qf", "%{RSAHEADER:pgpsig}", up[2]))
                    .containsIgnoringCase(keyid);
        }
    }
}
