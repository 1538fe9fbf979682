package org.albs.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.StoredContent;

/**
 * Where a build's packages and logs live (Pulp, or the embedded store), in the build farm's terms. Changes the store
 * runs asynchronously are split into {@code start…} (which returns an {@link Operation}) and {@link #await}: a job
 * records the operation between the two, so a job taken over after a crash waits for the recorded operation instead
 * of starting the change a second time.
 *
 * <p>Failures: {@link ArtifactStoreException} says whether trying again may help ({@code transient}: the store did not
 * answer, answered 5xx or timed out, after the adapter's own retries) or not (the store refused the request: an
 * artifact that does not exist, a failed operation).
 */
public interface ArtifactStore {
    /**
     * A repository in the store.
     *
     * @param name    its name (unique in the store)
     * @param handle  the store's handle of it (a Pulp repository href)
     * @param baseUrl where package managers and build nodes read it, ending in {@code /}
     */
    record StoredRepository(String name, String handle, String baseUrl) {
    }

    /** A change the store runs asynchronously (a Pulp task), by its handle. */
    record Operation(String handle) {
    }

    /** The repository of that name with the way it is served, if the store has it. */
    Optional<StoredRepository> findRepository(BuildRepository spec);

    /** Creates the repository and the way it is served at its base path, waiting until both exist. */
    StoredRepository createRepository(BuildRepository spec);

    /** Removes the repository and the way it is served; one that is already gone is fine. */
    void deleteRepository(StoredRepository repository);

    /** The stored content unit of that kind whose file has this sha256, if there is one (content is shared). */
    Optional<StoredContent> findContent(ContentKind kind, String sha256);

    /**
     * Starts turning an uploaded artifact (its handle as the uploader reported it, e.g. a Pulp artifact href) into
     * a content unit named {@code fileName}.
     */
    Operation startContent(ContentKind kind, String artifactHandle, String fileName);

    /** The content unit with this handle, its checksum and, for a package, the metadata of its header. */
    StoredContent describe(ContentKind kind, String contentHandle);

    /** Starts one change of the repository: these units in, those out (either may be empty). */
    Operation startChange(StoredRepository repository, Collection<String> add, Collection<String> remove);

    /** Starts publishing the repository's latest content where it is served. */
    Operation startPublication(StoredRepository repository);

    /** Waits for the operation to end; returns the handles of what it created. */
    List<String> await(Operation operation);

    /**
     * The first {@code maxBytes} bytes of a file of a published file repository (a test log), read where the store
     * serves it; empty when the repository serves no file of that name. A store that does not answer is a transient
     * {@link ArtifactStoreException}.
     */
    Optional<byte[]> readFile(StoredRepository repository, String fileName, int maxBytes);

    /** Where a package of this repository is downloaded from. */
    String packageUrl(StoredRepository repository, String fileName);

    /**
     * Where a file of a file repository (build or test logs) is downloaded: file repositories serve each file at its
     * name under the repository's base URL.
     */
    default String fileUrl(StoredRepository repository, String fileName) {
        String base = repository.baseUrl().endsWith("/") ? repository.baseUrl() : repository.baseUrl() + "/";
        return base + fileName;
    }
}
