package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;

import org.albs.application.port.out.AbstractArtifactStoreContractTest;
import org.albs.application.port.out.ArtifactStore;
import org.albs.domain.artifacts.PackageMeta;

/** The port's contract on the embedded store, with real packages built by rpmbuild and real createrepo_c runs. */
class LocalArtifactStoreContractTest extends AbstractArtifactStoreContractTest {
    @TempDir
    Path root;

    private Blobs blobs;
    private LocalArtifactStore store;

    @Override
    protected ArtifactStore store() {
        if (store == null) {
            blobs = new Blobs(root.resolve("store"));
            store = new LocalArtifactStore(blobs, root.resolve("store"), "http://localhost:8080/content/",
                    "createrepo_c", Duration.ofMinutes(1));
        }
        return store;
    }

    @Override
    protected Uploaded upload(PackageMeta meta) {
        store();
        try {
            Path file;
            if (meta == null) {
                file = Files.createTempFile(blobs.stagingDir(), "log", ".part");
                Files.writeString(file, "a build log " + randomSha256());
            } else {
                Rpms.Built built = Rpms.build(root.resolve("rpmbuild"), meta.name(), meta.epoch(), meta.version(),
                        meta.release(), meta.arch(), 0);
                file = Files.createTempFile(blobs.stagingDir(), "rpm", ".part");
                Files.copy(meta.sourceRpm() == null ? built.sourceRpm() : built.binary(), file,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Blobs.Blob blob = blobs.adopt(file, Blobs.sha256Of(file));
            return new Uploaded(blob.artifactHref(), blob.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Uploaded uploadLog(byte[] bytes) {
        store();
        try {
            Path file = Files.write(Files.createTempFile(blobs.stagingDir(), "log", ".part"), bytes);
            Blobs.Blob blob = blobs.adopt(file, Blobs.sha256Of(file));
            return new Uploaded(blob.artifactHref(), blob.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
