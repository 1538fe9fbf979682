package org.albs.application.fakes;

import java.util.UUID;

import org.albs.application.port.out.AbstractArtifactStoreContractTest;
import org.albs.application.port.out.ArtifactStore;
import org.albs.domain.artifacts.PackageMeta;

class InMemoryArtifactStoreContractTest extends AbstractArtifactStoreContractTest {
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected Uploaded upload(PackageMeta meta) {
        String href = "/pulp/api/v3/artifacts/" + UUID.randomUUID() + "/";
        String sha256 = randomSha256();
        store.upload(href, sha256, meta);
        return new Uploaded(href, sha256);
    }

    @Override
    protected Uploaded uploadLog(byte[] bytes) {
        String href = "/pulp/api/v3/artifacts/" + UUID.randomUUID() + "/";
        String sha256 = randomSha256();
        store.uploadFile(href, sha256, bytes);
        return new Uploaded(href, sha256);
    }
}
