package org.albs.application.port.in.builds;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A build as the API shows it: every field of upstream's Build schema (nulls and empty lists included, so
 * clients written for upstream find what they expect) plus what this server adds (lease, attempts, history, source).
 * Times are naive UTC, as upstream serialises them.
 */
public record BuildView(long id, LocalDateTime createdAt, LocalDateTime finishedAt, List<Task> tasks, Owner owner,
                        List<Object> signTasks, List<Long> linkedBuilds, Map<String, Object> mockOptions,
                        List<Object> platformFlavors, Long releaseId, boolean released, boolean cancelTesting,
                        List<Object> products, boolean isSecureBoot, Long productId, int openTasks,
                        Source source, boolean signed, Long signKeyId, List<PipelineEvent> pipeline) {

    /** A build the automatic pipeline has not touched (the releases issue added {@code pipeline}). */
    public BuildView(long id, LocalDateTime createdAt, LocalDateTime finishedAt, List<Task> tasks, Owner owner,
                     List<Object> signTasks, List<Long> linkedBuilds, Map<String, Object> mockOptions,
                     List<Object> platformFlavors, Long releaseId, boolean released, boolean cancelTesting,
                     List<Object> products, boolean isSecureBoot, Long productId, int openTasks, Source source,
                     boolean signed, Long signKeyId) {
        this(id, createdAt, finishedAt, tasks, owner, signTasks, linkedBuilds, mockOptions, platformFlavors,
                releaseId, released, cancelTesting, products, isSecureBoot, productId, openTasks, source, signed,
                signKeyId, List.of());
    }

    /** A build not signed (the signing issue added {@code signed} and {@code signKeyId}). */
    public BuildView(long id, LocalDateTime createdAt, LocalDateTime finishedAt, List<Task> tasks, Owner owner,
                     List<Object> signTasks, List<Long> linkedBuilds, Map<String, Object> mockOptions,
                     List<Object> platformFlavors, Long releaseId, boolean released, boolean cancelTesting,
                     List<Object> products, boolean isSecureBoot, Long productId, int openTasks, Source source) {
        this(id, createdAt, finishedAt, tasks, owner, signTasks, linkedBuilds, mockOptions, platformFlavors,
                releaseId, released, cancelTesting, products, isSecureBoot, productId, openTasks, source, false,
                null);
    }

    /**
     * Where the build came from when not from an API call (null then): a git host's tag push ({@code event}
     * "push"), with the repository's full name, the tag and the commit.
     */
    public record Source(String event, String repository, String tag, String commit) {
    }

    /** The build's owner; {@code email} is never shown (the build feed is public, e-mails are for superusers). */
    public record Owner(long id, String username, String email) {
    }

    /** This view as anybody may see it: the owner without an e-mail address. */
    public BuildView withoutOwnerEmail() {
        return owner == null || owner.email() == null ? this : new BuildView(id, createdAt, finishedAt, tasks,
                new Owner(owner.id(), owner.username(), null), signTasks, linkedBuilds, mockOptions, platformFlavors,
                releaseId, released, cancelTesting, products, isSecureBoot, productId, openTasks, source, signed,
                signKeyId, pipeline);
    }

    /** A step of the automatic pipeline, or why it stopped ({@code event} a code such as sign_task_created). */
    public record PipelineEvent(LocalDateTime at, String event, String message) {
    }

    /** A sign task of the build, as upstream's build schema shows it ({@code stats} is never recorded here). */
    public record SignTaskSummary(long id, LocalDateTime startedAt, LocalDateTime finishedAt, int status,
                                  Map<String, Object> stats) {
    }

    /** A product the build is in (upstream's Build.products: the builds added to it), as the build page reads it. */
    public record ProductSummary(long id, String name, String title, boolean isCommunity) {
    }

    /** A platform flavour the build was made with. */
    public record Flavour(long id, String name) {
    }

    public record Platform(long id, String type, String name, List<String> archList) {
    }

    public record Ref(String url, String gitRef, int refType, String gitCommitHash, Map<String, Object> mockOptions,
                      boolean isModule, boolean enabled, Map<String, Object> testConfiguration,
                      List<Object> addedArtifacts, String modulePlatformVersion, String moduleVersion) {
    }

    /** An artifact; {@code signKeyId}: the key it is signed with, null while unsigned. */
    public record Artifact(long id, String name, String type, String href, String sha256, String casHash,
                           Map<String, Object> meta, Long signKeyId) {
        public Artifact(long id, String name, String type, String href, String sha256, String casHash,
                        Map<String, Object> meta) {
            this(id, name, type, href, sha256, casHash, meta, null);
        }
    }

    public record PerformanceStats(long id, Long buildTaskId, Long testTaskId, Long releaseId,
                                   Map<String, Object> statistics) {
    }

    /** A test task of a build task, as upstream's build JSON shows it. */
    public record TestTaskSummary(long id, int status, int revision, List<PerformanceStats> performanceStats) {
    }

    public record HistoryEntry(LocalDateTime at, String event, int status, Long node, int attempt, String reason) {
    }

    public record ArtifactImport(long id, String state, int attempts, LocalDateTime createdAt, String lastError) {
    }

    public record Task(long id, LocalDateTime ts, LocalDateTime startedAt, LocalDateTime finishedAt, int status,
                       int index, String arch, Platform platform, Ref ref, List<Object> rpmModules,
                       List<Artifact> artifacts, boolean isCasAuthenticated, String almaCommitCasHash,
                       Map<String, Object> mockOptions, boolean isSecureBoot, List<Object> testTasks, String error,
                       List<PerformanceStats> performanceStats, int attempt, Long leaseHolder,
                       LocalDateTime leaseExpiresAt, String builtSrpmUrl, String srpmHash,
                       List<ArtifactImport> artifactImports, List<HistoryEntry> history) {
    }
}
