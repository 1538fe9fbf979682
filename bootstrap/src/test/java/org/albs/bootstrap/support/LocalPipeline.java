package org.albs.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import org.albs.adapter.out.localstore.Rpms;

/**
 * What the tests of the embedded store do as a build node, a sign node and a package manager would: real packages
 * built with rpmbuild and uploaded through the server's Pulp upload routes, signed with rpmsign, and repositories
 * read back over HTTP (their primary metadata, and the real dnf).
 */
public final class LocalPipeline {
    private final Path work;
    private final PulpUploadClient uploads = LocalStoreProfile.uploads();

    public LocalPipeline(Path work) {
        this.work = work;
    }

    /** A build's packages as a build node made them: its SRPM and each arch's binaries. */
    public record Built(long buildId, Rpms.Built sources, Map<String, Rpms.Built> binaries) {
    }

    public Map<String, Object> report(Path file, String type) {
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

    public List<Map<String, Object>> reportAll(List<Path> rpms, long taskId) throws IOException {
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (Path rpm : rpms) {
            artifacts.add(report(rpm, "rpm"));
        }
        Path log = work.resolve("albs." + taskId + ".log");
        Files.writeString(log, "build log of task " + taskId + "\n");
        artifacts.add(report(log, "build_log"));
        return artifacts;
    }

    public HttpResponse<byte[]> get(String url, String range) throws Exception {
        return ServedRepositories.get(url, range);
    }

    /**
     * A build of {@code name} on the platform for {@code arches} (plus its SRPM), each task taken by {@code node},
     * built with rpmbuild (one noarch subpackage) and reported; returns once its store jobs are done.
     */
    public Built build(Node node, String platform, List<String> arches, String name) throws Exception {
        long buildId = Node.createBuild(Api.adminToken(), Node.buildBody(platform, arches, false,
                "https://git.almalinux.org/rpms/" + name + ".git")).getLong("id");
        JsonPath src = node.getTask(Node.X86_WITH_SRC);
        assertThat(src.getString("arch")).isEqualTo("src");
        Rpms.Built sources = Rpms.build(work.resolve("src-" + name), name, "0", "1.0", "1.el8", "x86_64", 1, true);
        node.buildDone(src.getLong("id"), "done", reportAll(List.of(sources.sourceRpm()), src.getLong("id")))
                .then().statusCode(200);
        Map<String, Rpms.Built> binaries = new LinkedHashMap<>();
        for (int i = 0; i < arches.size(); i++) {
            JsonPath task = node.getTask(Node.X86_WITH_SRC);
            assertThat(task).as("an arch task after the SRPM was imported").isNotNull();
            String arch = task.getString("arch");
            Rpms.Built built = Rpms.build(work.resolve(arch + "-" + name), name, "0", "1.0", "1.el8", arch, 1, true);
            binaries.put(arch, built);
            node.buildDone(task.getLong("id"), "done", reportAll(built.binaries(), task.getLong("id")))
                    .then().statusCode(200);
        }
        Node.awaitJobs(buildId);
        return new Built(buildId, sources, binaries);
    }

    /** file name → sha256 of every package in the repository's primary metadata. */
    public Map<String, String> primary(String repoUrl) throws Exception {
        return ServedRepositories.primary(repoUrl);
    }

    /** What the real dnf lists in the repository, as name-version-release.arch. */
    public List<String> dnfList(String repoUrl) throws Exception {
        return ServedRepositories.dnfList(repoUrl, work);
    }

    /** A signing key made for a test (the sign node's half and the admin's record of it). */
    public record Signer(GpgKey gpg, long keyId) {
    }

    public Signer signer(List<Long> platformIds) {
        try {
            GpgKey gpg = GpgKey.generate(Files.createDirectories(work.resolve("signer-" + System.nanoTime())));
            return new Signer(gpg, SignNode.createKey(gpg.keyid, gpg.fingerprint, platformIds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A sign node's work, as albs-sign-node does it: take the task, download every package from its
     * {@code download_url} (served by this server), sign it with rpmsign, upload the signed file through the Pulp
     * upload routes, complete. Returns file name → sha256 of each signed package.
     */
    public Map<String, String> sign(long buildId, Signer signer) throws Exception {
        return sign(buildId, SignNode.createSignTask(buildId, signer.keyId()), signer);
    }

    /** A sign node's work on a sign task made already (by the automatic pipeline), as {@link #sign(long, Signer)}. */
    public Map<String, String> sign(long buildId, long taskId, Signer signer) throws Exception {
        SignNode node = SignNode.create("local-signer", signer.gpg().keyid.toLowerCase());
        JsonPath task = node.getSignTask();
        assertThat(task.getLong("id")).isEqualTo(taskId);
        Map<String, Map<String, Object>> uploaded = new LinkedHashMap<>();
        List<Map<String, Object>> packages = new ArrayList<>();
        Map<String, String> signed = new LinkedHashMap<>();
        for (Map<String, Object> p : task.<Map<String, Object>>getList("packages")) {
            String name = (String) p.get("name");
            Map<String, Object> upload = uploaded.get(name);
            if (upload == null) {
                HttpResponse<byte[]> download = get((String) p.get("download_url"), null);
                assertThat(download.statusCode()).as("download_url of %s", name).isEqualTo(200);
                Path file = Files.write(Files.createDirectories(work.resolve("signing-" + taskId)).resolve(name),
                        download.body());
                signer.gpg().sign(file);
                PulpUploadClient.Uploaded u = uploads.upload(file);
                upload = Map.of("href", u.href(), "sha256", u.sha256());
                uploaded.put(name, upload);
                signed.put(name, u.sha256());
            }
            Map<String, Object> report = new LinkedHashMap<>(p);
            report.remove("download_url");
            report.put("fingerprint", signer.gpg().fingerprint);
            report.putAll(upload);
            packages.add(report);
        }
        node.complete(taskId, SignNode.success(buildId, packages)).then().statusCode(200);
        Node.awaitJobs(buildId);
        assertThat(SignNode.signTask(buildId).getInt("[0].status")).as("the sign task completed").isEqualTo(3);
        assertThat(Node.getBuild(buildId).getBoolean("signed")).isTrue();
        return signed;
    }
}
