package org.albs.application.signing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.application.port.out.Transactions;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.RejectedArtifactsException;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;
import org.albs.domain.signing.SignTask;
import org.albs.domain.signing.SignatureImport;

/**
 * The signing job ({@link StoreJobKind#SIGN_PACKAGES}): a sign node's report checked ({@link SignatureImport}), each
 * signed upload made stored content with its checksum verified, the signed packages put in place of the unsigned
 * ones in the build's repositories (one change and one publication per repository), then, in one transaction, the
 * build's artifacts re-pointed and tagged with the key, the build marked signed and the task completed. A refused
 * report fails the task with the reason and changes nothing else.
 */
public final class SignJob implements StoreJobService.KindWork {
    private final SignTasks tasks;
    private final SignKeys keys;
    private final BuildArtifacts artifacts;
    private final ArtifactStore store;
    private final Transactions tx;
    private final Clock clock;
    private final AutoReleaseTrigger pipeline;

    public SignJob(SignTasks tasks, SignKeys keys, BuildArtifacts artifacts, ArtifactStore store, Transactions tx,
                   Clock clock) {
        this(tasks, keys, artifacts, store, tx, clock, AutoReleaseTrigger.OFF);
    }

    /** With the automatic pipeline told of each build signed ({@code pipeline}). */
    public SignJob(SignTasks tasks, SignKeys keys, BuildArtifacts artifacts, ArtifactStore store, Transactions tx,
                   Clock clock, AutoReleaseTrigger pipeline) {
        this.pipeline = pipeline;
        this.tasks = tasks;
        this.keys = keys;
        this.artifacts = artifacts;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public StoreJobKind kind() {
        return StoreJobKind.SIGN_PACKAGES;
    }

    static long taskId(StoreJob job) {
        return Long.parseLong(job.result(SigningService.TASK_STEP).orElseThrow(() ->
                new IllegalStateException("signing job " + job.id() + " names no sign task")));
    }

    @Override
    public void work(StoreJobService.JobRun run) {
        long taskId = taskId(run.job());
        record Read(SignTask task, SignKey key, List<SignTasks.BuildPackage> packages,
                    Map<String, ArtifactStore.StoredRepository> repos) {
        }
        Read read = tx.inTransaction(() -> tasks.find(taskId).filter(SignTask::awaitsProcessing)
                .map(t -> new Read(t, keys.find(t.signKeyId()).orElseThrow(), tasks.packages(t.buildId()),
                        artifacts.repositories(t.buildId()))).orElse(null));
        if (read == null) {
            run.finish("sign task " + taskId + " has no report to process (deleted, or processed already)", () -> { });
            return;
        }
        long buildId = read.task().buildId();
        List<SignatureImport.Signable> signables = read.packages().stream().map(p -> new SignatureImport.Signable(
                p.artifactId(), p.name(), p.taskArch(), p.contentHandle() == null ? null
                : SignatureImport.repository(p.platformName(), buildId, p.taskArch(), p.name()), p.contentHandle()))
                .toList();
        SignatureImport.Plan plan = SignatureImport.plan(read.key().fingerprint(), read.task().report(), signables);
        Map<String, StoredContent> signed = new LinkedHashMap<>();
        boolean made = false;
        for (SignReport.SignedPackage p : plan.files().values()) {
            made |= run.job().result(step(p.name())).isEmpty();
            signed.put(p.name(), content(run, p));
        }
        if (made) {
            run.saveWith(() -> { });
        }
        Map<String, String> handles = new LinkedHashMap<>();
        signed.forEach((name, c) -> handles.put(name, c.handle()));
        Map<String, SignatureImport.RepositoryChange> changes = plan.changes(handles);
        for (Map.Entry<String, SignatureImport.RepositoryChange> e : changes.entrySet()) {
            run.change(e.getKey(), StoreJobService.repository(read.repos(), e.getKey()), e.getValue().add(), e.getValue().remove());
        }
        for (String repo : changes.keySet()) {
            run.publish(repo, StoreJobService.repository(read.repos(), repo));
        }
        Map<Long, SignTasks.Signed> repointed = new LinkedHashMap<>();
        for (SignatureImport.Signable s : signables) {
            SignReport.SignedPackage p = plan.files().get(s.name());
            if (p != null) {
                repointed.put(s.artifactId(), new SignTasks.Signed(p.href(), signed.get(s.name())));
            }
        }
        Instant startedByNode = startedByNode(read.task().report());
        run.finish(repointed.size() + " artifacts signed with " + read.key().keyid(), () -> {
            SignTask current = tasks.lock(taskId).orElse(null);
            if (current == null || !current.awaitsProcessing()) {
                return;
            }
            Instant now = clock.instant();
            tasks.save(current.complete(startedByNode, now));
            tasks.recordSignature(buildId, current.signKeyId(), repointed);
            pipeline.buildMoved(buildId, now);
        });
    }

    private static String step(String fileName) {
        return "signed:" + fileName;
    }

    /** The signed file as stored content: an existing unit with its checksum, or one made of the node's upload. */
    private StoredContent content(StoreJobService.JobRun run, SignReport.SignedPackage p) {
        String reported = p.sha256().toLowerCase(Locale.ROOT);
        String step = step(p.name());
        Optional<String> recorded = run.job().result(step);
        StoredContent content;
        if (recorded.isPresent()) {
            content = store.describe(ContentKind.RPM, recorded.get());
        } else {
            content = store.findContent(ContentKind.RPM, reported).orElse(null);
            if (content == null) {
                List<String> created = run.operation(step, () -> store.startContent(ContentKind.RPM, p.href(),
                        p.name()));
                if (created.isEmpty()) {
                    throw new ArtifactStoreException("the store made no content of " + p.name(), false);
                }
                content = store.describe(ContentKind.RPM, created.get(0));
            }
        }
        if (!content.sha256().equalsIgnoreCase(reported)) {
            throw new RejectedArtifactsException("checksum mismatch for " + p.name() + ": the sign node reported"
                    + " sha256 " + reported + ", the artifact store has " + content.sha256());
        }
        run.record(run.job().done(step, content.handle()));
        return content;
    }

    /** The node's {@code sign_task_start_time} ("2026-01-01 10:00:00.000001", naive UTC), if it sent one. */
    static Instant startedByNode(SignReport report) {
        Object raw = report.stats().get("sign_task_start_time");
        if (raw == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(raw.toString().trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void failed(StoreJob job, String reason, Instant now) {
        long taskId = taskId(job);
        tasks.lock(taskId).filter(SignTask::awaitsProcessing).ifPresent(t ->
                tasks.save(t.refuse("Signed packages refused: " + reason, now)));
    }
}
