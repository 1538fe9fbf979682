package org.albs.application.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ImportedPackage;
import org.albs.domain.artifacts.IndexFinalization;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuiltArtifact;

/**
 * What the import jobs read and record of builds: the artifacts a task reported and the content the store made of
 * them, a build's repositories as the store has them, and what finalizing a ref on a platform needs.
 */
public interface BuildArtifacts {
    /** A reported artifact and, once imported, its stored content. */
    record ArtifactRecord(long id, BuiltArtifact artifact, StoredContent content) {
    }

    List<ArtifactRecord> ofTask(long taskId);

    /** Records the stored content (handle, checksum, package metadata) of a reported artifact. */
    void recordContent(long artifactId, StoredContent content);

    /** The platforms and arches of a build (empty: the build is gone). */
    List<BuildRepositories.Target> targets(long buildId);

    /** The build's repositories known to exist in the store, by name. */
    Map<String, ArtifactStore.StoredRepository> repositories(long buildId);

    /** Records one of the build's repositories as created in the store (again is harmless). */
    void addRepository(long buildId, BuildRepository spec, ArtifactStore.StoredRepository stored);

    /** Forgets the build's repositories (the build is being deleted) and returns them, for the store to remove. */
    List<ArtifactStore.StoredRepository> removeRepositories(long buildId);

    /** The tasks of one ref on one platform with their imported packages, for the index's finalization. */
    List<IndexFinalization.TaskPackages> indexPackages(long buildId, long platformId, int index);

    /**
     * The task now carries these packages in its repositories (a canonical noarch copy in place of its own, the
     * multilib packages of its i686 sibling): its artifact of the same name points at that content, or, when it
     * has none, one is added.
     */
    void adopt(long taskId, List<ImportedPackage> packages);

    /** The file name of the SRPM of one ref on one platform, if its src task built one. */
    Optional<String> sourceRpm(long buildId, long platformId, int index);
}
