package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.AbstractArtifactStoreContractTest;
import org.albs.application.port.out.ArtifactStore;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.domain.artifacts.PackageMeta;

/** The Pulp adapter, as the server wires it, against the suite's fake Pulp: the same contract as the in-memory store. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PulpArtifactStoreContractTest extends AbstractArtifactStoreContractTest {
    @Inject
    ArtifactStore store;

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected Uploaded upload(PackageMeta meta) {
        String href = PulpStub.artifactHref();
        String sha256 = randomSha256();
        PulpStub.shared().register(href, sha256, meta);
        return new Uploaded(href, sha256);
    }

    @Override
    protected Uploaded uploadLog(byte[] bytes) {
        String href = PulpStub.artifactHref();
        String sha256 = randomSha256();
        PulpStub.shared().registerFile(href, sha256, bytes);
        return new Uploaded(href, sha256);
    }
}
