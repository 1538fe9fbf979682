package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArtifactStore} does, whatever runs behind it: the in-memory store of the application's tests
 * and the Pulp adapter (against the suite's fake Pulp) both run these.
 */
public abstract class AbstractArtifactStoreContractTest {
    protected abstract ArtifactStore store();

    /** What a node reports of a file it uploaded: the handle ({@code href}) and the file's sha256. */
    public record Uploaded(String href, String sha256) {
    }

    /** A node uploads a package with this header, or a log when {@code meta} is null. */
    protected abstract Uploaded upload(PackageMeta meta);

    /** A test system uploads a log with these bytes. */
    protected abstract Uploaded uploadLog(byte[] bytes);

    /** A checksum no other test uses, for stores that take the uploader's word for it. */
    protected static String randomSha256() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static BuildRepository rpmRepo(String name) {
        return new BuildRepository(name, ContentKind.RPM, BuildRepository.RPM, "x86_64", false, 1L, "builds/" + name);
    }

    @Test
    void aCreatedRepositoryIsFoundByItsNameAndServedUnderItsBasePath() {
        String name = unique("EL-x86_64-1-br");
        assertThat(store().findRepository(rpmRepo(name))).isEmpty();
        StoredRepository created = store().createRepository(rpmRepo(name));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.baseUrl()).endsWith("/builds/" + name + "/");
        assertThat(store().findRepository(rpmRepo(name))).contains(created);
        assertThat(store().createRepository(rpmRepo(name))).as("creating it again is harmless").isEqualTo(created);
        assertThat(store().packageUrl(created, "Bash-5.1-1.el9.x86_64.rpm"))
                .isEqualTo(created.baseUrl() + "Packages/b/Bash-5.1-1.el9.x86_64.rpm");
    }

    @Test
    void aFileRepositoryIsAnotherKind() {
        String name = unique("build-1-build_log");
        BuildRepository spec = new BuildRepository(name, ContentKind.FILE, BuildRepository.BUILD_LOG, "log", false,
                null, "build_logs/" + name);
        StoredRepository created = store().createRepository(spec);
        assertThat(created.baseUrl()).endsWith("/build_logs/" + name + "/");
        assertThat(store().findRepository(spec)).contains(created);
    }

    @Test
    void anUploadedPackageBecomesContentWithItsHeaderAndIsFoundByItsChecksum() {
        PackageMeta meta = new PackageMeta("bash", "0", "5.1", "1.el9", "x86_64", "bash-5.1-1.el9.src.rpm");
        Uploaded uploaded = upload(meta);
        String sha = uploaded.sha256();
        String href = uploaded.href();
        assertThat(store().findContent(ContentKind.RPM, sha)).isEmpty();
        List<String> created = store().await(store().startContent(ContentKind.RPM, href, "bash-5.1-1.el9.x86_64.rpm"));
        assertThat(created).hasSize(1);
        StoredContent content = store().describe(ContentKind.RPM, created.get(0));
        assertThat(content.sha256()).isEqualTo(sha);
        assertThat(content.pkg()).isEqualTo(meta);
        assertThat(store().findContent(ContentKind.RPM, sha)).contains(content);
        assertThat(store().findContent(ContentKind.FILE, sha)).as("a package is not a file").isEmpty();
    }

    @Test
    void aLogBecomesFileContentWithoutAHeader() {
        Uploaded uploaded = upload(null);
        String sha = uploaded.sha256();
        String href = uploaded.href();
        List<String> created = store().await(store().startContent(ContentKind.FILE, href, "albs.1.log"));
        StoredContent content = store().describe(ContentKind.FILE, created.get(0));
        assertThat(content.sha256()).isEqualTo(sha);
        assertThat(content.pkg()).isNull();
    }

    @Test
    void aPublishedFileIsReadBackAsServedUpToTheBytesAsked() {
        String name = unique("build-4-test_log");
        StoredRepository repo = store().createRepository(new BuildRepository(name, ContentKind.FILE,
                BuildRepository.TEST_LOG, "log", false, null, "test_logs/" + name));
        byte[] text = ("1..2\nok 1 - a\nnot ok 2 - b " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        String log = store().await(store().startContent(ContentKind.FILE, uploadLog(text).href(),
                "tests_0_a.log")).get(0);
        assertThat(store().readFile(repo, "tests_0_a.log", 1 << 20)).as("not in the repository yet").isEmpty();
        store().await(store().startChange(repo, Set.of(log), Set.of()));
        store().await(store().startPublication(repo));
        assertThat(store().readFile(repo, "tests_0_a.log", 1 << 20)).hasValueSatisfying(b ->
                assertThat(b).isEqualTo(text));
        assertThat(store().readFile(repo, "tests_0_a.log", 4)).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("1..2"));
        assertThat(store().readFile(repo, "other.log", 1 << 20)).isEmpty();
    }

    @Test
    void anArtifactTheStoreDoesNotHaveIsRefusedForGood() {
        String missing = upload(null).href().replaceAll("[0-9a-f]{8}-", "00000000-") + "x/";
        assertThatThrownBy(() -> store().await(store().startContent(ContentKind.FILE, missing, "x.log")))
                .isInstanceOfSatisfying(ArtifactStoreException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void contentGoesInAndOutOfARepositoryInOneChangeThenIsPublished() {
        StoredRepository repo = store().createRepository(rpmRepo(unique("EL-x86_64-2-br")));
        String a = store().await(store().startContent(ContentKind.RPM, upload(new PackageMeta("a", null, "1",
                "1", "noarch", "a-1-1.src.rpm")).href(), "a-1-1.noarch.rpm")).get(0);
        String b = store().await(store().startContent(ContentKind.RPM, upload(new PackageMeta("b", null, "1",
                "1", "noarch", "b-1-1.src.rpm")).href(), "b-1-1.noarch.rpm")).get(0);
        store().await(store().startChange(repo, Set.of(a, b), Set.of()));
        store().await(store().startChange(repo, Set.of(), Set.of(a)));
        store().await(store().startPublication(repo));
        ArtifactStore.Operation change = store().startChange(repo, Set.of(a), Set.of());
        assertThat(store().await(change)).as("awaiting an operation that ended already is fine").isNotNull();
        assertThat(store().await(change)).isNotNull();
    }

    @Test
    void aDeletedRepositoryIsGoneAndDeletingItAgainIsHarmless() {
        String name = unique("EL-src-3-br");
        StoredRepository repo = store().createRepository(rpmRepo(name));
        store().deleteRepository(repo);
        assertThat(store().findRepository(rpmRepo(name))).isEmpty();
        store().deleteRepository(repo);
    }
}
