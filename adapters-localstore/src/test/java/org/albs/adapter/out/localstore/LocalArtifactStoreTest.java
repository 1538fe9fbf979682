package org.albs.adapter.out.localstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;

/** What the embedded store adds to the port's contract: crash recovery, blob lifecycle, queued generations. */
class LocalArtifactStoreTest {
    @TempDir
    Path work;

    private Path root;
    private Blobs blobs;
    private LocalArtifactStore store;

    @BeforeEach
    void setUp() {
        root = work.resolve("store");
        blobs = new Blobs(root);
        store = newStore();
    }

    private LocalArtifactStore newStore() {
        return new LocalArtifactStore(blobs, root, "http://localhost:8080/content/", "createrepo_c",
                Duration.ofMinutes(1));
    }

    private static BuildRepository repo(String name) {
        return new BuildRepository(name, ContentKind.RPM, "rpm", "x86_64", false, 1L, "builds/" + name);
    }

    private Blobs.Blob stage(Path file) throws IOException {
        Path staged = Files.createTempFile(blobs.stagingDir(), "up", ".part");
        Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
        return blobs.adopt(staged, Blobs.sha256Of(staged));
    }

    /** A package as content: its handle. */
    private String content(String name) throws IOException {
        Path rpm = Rpms.build(work.resolve("rpmbuild"), name, "1.0", "1", "noarch").binary();
        Blobs.Blob blob = stage(rpm);
        return store.await(store.startContent(ContentKind.RPM, blob.artifactHref(), rpm.getFileName().toString()))
                .get(0);
    }

    private static String sha(String handle) {
        return handle.substring(handle.indexOf(':') + 1);
    }

    /** The sha256 checksums in the repository's primary metadata. */
    private static List<String> primaryChecksums(Path dir) throws IOException {
        String repomd = Files.readString(dir.resolve("repodata/repomd.xml"));
        Matcher m = Pattern.compile("<data type=\"primary\">.*?<location href=\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(repomd);
        assertThat(m.find()).isTrue();
        String xml;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(m.group(1)))))) {
            xml = new String(in.readAllBytes());
        }
        List<String> shas = new ArrayList<>();
        Matcher p = Pattern.compile("<checksum type=\"sha256\" pkgid=\"YES\">([0-9a-f]{64})</checksum>").matcher(xml);
        while (p.find()) {
            shas.add(p.group(1));
        }
        return shas;
    }

    private Path dir(StoredRepository r) {
        return root.resolve("content").resolve(r.handle());
    }

    @Test
    void aGenerationInterruptedByACrashIsFinishedAtTheNextStart() throws IOException {
        StoredRepository r = store.createRepository(repo("EL-x86_64-1-br"));
        String a = content("alpha");
        store.startChange(r, Set.of(a), Set.of());
        store.startPublication(r);
        String b = content("beta");
        store.startChange(r, Set.of(b), Set.of());
        // the server died while createrepo_c was writing: its half-written metadata is left, the old one is served
        Files.createDirectories(dir(r).resolve(".repodata"));
        Files.writeString(dir(r).resolve(".repodata/primary.xml.gz"), "half");
        assertThat(primaryChecksums(dir(r))).containsExactly(sha(a));

        List<Path> recovered = newStore().recover();

        assertThat(recovered).containsExactly(dir(r));
        assertThat(primaryChecksums(dir(r))).containsExactlyInAnyOrder(sha(a), sha(b));
        assertThat(dir(r).resolve(".repodata")).doesNotExist();
        assertThat(dir(r).resolve(Repodata.STALE)).doesNotExist();
        assertThat(newStore().recover()).as("nothing is left to recover").isEmpty();
    }

    @Test
    void deletingARepositoryRemovesTheBlobsNoOtherRepositoryHolds() throws IOException {
        StoredRepository one = store.createRepository(repo("EL-x86_64-2-br"));
        StoredRepository two = store.createRepository(repo("EL-x86_64-3-br"));
        String shared = content("shared");
        String own = content("own");
        String replaced = content("replaced");
        store.startChange(one, Set.of(shared, own, replaced), Set.of());
        store.startChange(two, Set.of(shared), Set.of());
        store.startChange(one, Set.of(), Set.of(replaced));
        assertThat(blobs.find(sha(replaced))).as("a unit taken out stays while its repository lives").isPresent();

        store.deleteRepository(one);

        assertThat(blobs.find(sha(replaced))).as("... and goes with it").isEmpty();
        assertThat(dir(one)).doesNotExist();
        assertThat(blobs.find(sha(own))).isEmpty();
        assertThat(store.findContent(ContentKind.RPM, sha(own))).isEmpty();
        assertThat(blobs.find(sha(shared))).isPresent();
        assertThat(store.findContent(ContentKind.RPM, sha(shared))).isPresent();

        store.deleteRepository(two);
        assertThat(blobs.find(sha(shared))).isEmpty();
        assertThat(root.resolve("trash")).isEmptyDirectory();
    }

    @Test
    void changesAndGenerationsFromManyWorkersQueueAndMissNothing() throws Exception {
        StoredRepository r = store.createRepository(repo("EL-x86_64-4-br"));
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            handles.add(content("pkg" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String h : handles) {
                done.add(pool.submit(() -> {
                    store.startChange(r, Set.of(h), Set.of());
                    store.startPublication(r);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(primaryChecksums(dir(r))).containsExactlyInAnyOrderElementsOf(handles.stream()
                .map(LocalArtifactStoreTest::sha).toList());
        store.startChange(r, Set.of(), Set.of(handles.get(0)));
        store.startPublication(r);
        assertThat(primaryChecksums(dir(r))).hasSize(5).doesNotContain(sha(handles.get(0)));
    }

    @Test
    void aFileThatIsNotAPackageOrIsDamagedOnDiskIsRefusedForGood() throws IOException {
        Path text = Files.writeString(work.resolve("notes.txt"), "not an rpm");
        Blobs.Blob blob = stage(text);
        assertThatThrownBy(() -> store.startContent(ContentKind.RPM, blob.artifactHref(), "notes.rpm"))
                .isInstanceOfSatisfying(ArtifactStoreException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e).hasMessageContaining("not an RPM package");
                });

        Path rpm = Rpms.build(work.resolve("rpmbuild"), "damaged", "1.0", "1", "noarch").binary();
        Blobs.Blob stored = stage(rpm);
        Files.setPosixFilePermissions(stored.file(), PosixFilePermissions.fromString("rw-r--r--"));
        byte[] bytes = Files.readAllBytes(stored.file());
        bytes[bytes.length - 1] ^= 1;
        Files.write(stored.file(), bytes);
        assertThatThrownBy(() -> store.startContent(ContentKind.RPM, stored.artifactHref(), "damaged.rpm"))
                .isInstanceOfSatisfying(ArtifactStoreException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e).hasMessageContaining("damaged on disk");
                });
    }

    @Test
    void aBasePathOutsideTheContentRootOrAFileNameWithAPathIsRefused() {
        BuildRepository escape = new BuildRepository("x", ContentKind.RPM, "rpm", "x86_64", false, 1L, "../../etc");
        assertThatThrownBy(() -> store.createRepository(escape)).isInstanceOf(ArtifactStoreException.class);
        assertThatThrownBy(() -> store.startContent(ContentKind.FILE, "/pulp/api/v3/artifacts/x/", "../x.log"))
                .isInstanceOf(ArtifactStoreException.class);
    }
}
