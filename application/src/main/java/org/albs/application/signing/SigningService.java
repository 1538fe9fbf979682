package org.albs.application.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.lease.Dispatcher;
import org.albs.application.port.in.signing.SignKeysUseCase;
import org.albs.application.port.in.signing.SignNodeUseCase;
import org.albs.application.port.in.signing.SignTaskView;
import org.albs.application.port.in.signing.SignTasksUseCase;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.SignTasks;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.Problems;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoredContent;
import org.albs.application.team.Access;
import org.albs.domain.identity.User;
import org.albs.domain.team.Action;
import org.albs.domain.lease.Change;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.WorkState;
import org.albs.domain.signing.GenKeyTask;
import org.albs.domain.signing.KeyIds;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;
import org.albs.domain.signing.SignTask;
import org.albs.domain.signing.SignTaskStatus;

/**
 * Signing: the sign keys, sign tasks on the lease queue for sign nodes, the nodes' reports (processed by a store job,
 * {@link SignJob}), and community key generation. A report is answered at once; nothing of the store is done inside
 * a request.
 */
public class SigningService implements SignKeysUseCase, SignTasksUseCase, SignNodeUseCase {
    /** The store job step that names the sign task a signing job processes. */
    static final String TASK_STEP = "sign-task";

    private final SignKeys keys;
    private final Access access;
    private final SignTasks tasks;
    private final GenKeyTasks genKeys;
    private final StoreJobs jobs;
    private final BuildArtifacts artifacts;
    private final ArtifactStore store;
    private final Transactions tx;
    private final Clock clock;
    private final Dispatcher<SignTask, SignTasks.Criteria, SignTasks.Assignment> dispatcher;
    private final Dispatcher<GenKeyTask, GenKeyTasks.AnyNode, GenKeyTask> genKeyDispatcher;

    public SigningService(SignKeys keys, SignTasks tasks, GenKeyTasks genKeys, StoreJobs jobs,
                          BuildArtifacts artifacts, ArtifactStore store, Access access, Transactions tx, Clock clock,
                          LeaseTerms terms) {
        this.access = access;
        this.keys = keys;
        this.tasks = tasks;
        this.genKeys = genKeys;
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.dispatcher = new Dispatcher<>(tasks, terms);
        this.genKeyDispatcher = new Dispatcher<>(genKeys, terms);
    }

    // ---- keys ---------------------------------------------------------------------------------------------------

    @Override
    public List<SignKey> usable(User user) {
        return tx.inTransaction(() -> keys.all().stream().filter(k -> k.active() && k.usableBy(user)).toList());
    }

    @Override
    public SignKey create(User user, NewSignKey k) {
        user.requireSuperuser();
        Problems problems = new Problems();
        if (k.name() == null || k.name().isBlank()) {
            problems.add("Field required", "missing", "name");
        }
        Optional<String> keyid = KeyIds.keyId(k.keyid());
        if (keyid.isEmpty()) {
            problems.add("keyid must be 16 hexadecimal digits (a long PGP key id)", "value_error", "keyid");
        }
        Optional<String> fingerprint = KeyIds.fingerprint(k.fingerprint());
        if (fingerprint.isEmpty()) {
            problems.add("fingerprint must be 40 hexadecimal digits", "value_error", "fingerprint");
        }
        problems.throwIfAny();
        List<Long> platforms = k.platformIds() == null ? List.of() : k.platformIds();
        return tx.inTransaction(() -> {
            requirePlatforms(platforms);
            requireUnique(keyid.get(), fingerprint.get(), 0);
            SignKey key = new SignKey(0, k.name().trim(), k.description(), keyid.get(), fingerprint.get(),
                    k.publicUrl(), clock.instant(), true, null, platforms, user.id(), false, null);
            long id = keys.insert(key);
            return keys.find(id).orElseThrow();
        });
    }

    @Override
    public SignKey update(User user, long signKeyId, SignKeyChanges c) {
        user.requireSuperuser();
        Problems problems = new Problems();
        if (c.name() != null && c.name().isBlank()) {
            problems.add("name must not be blank", "value_error", "name");
        }
        Optional<String> keyid = c.keyid() == null ? Optional.empty() : KeyIds.keyId(c.keyid());
        if (c.keyid() != null && keyid.isEmpty()) {
            problems.add("keyid must be 16 hexadecimal digits (a long PGP key id)", "value_error", "keyid");
        }
        Optional<String> fingerprint = c.fingerprint() == null ? Optional.empty() : KeyIds.fingerprint(c.fingerprint());
        if (c.fingerprint() != null && fingerprint.isEmpty()) {
            problems.add("fingerprint must be 40 hexadecimal digits", "value_error", "fingerprint");
        }
        problems.throwIfAny();
        return tx.inTransaction(() -> {
            SignKey old = keys.find(signKeyId).orElseThrow(() ->
                    new NotFoundException("Sign key with id " + signKeyId + " is not found"));
            if (c.platformIds() != null) {
                requirePlatforms(c.platformIds());
            }
            String newKeyid = keyid.orElse(old.keyid());
            String newFingerprint = fingerprint.orElse(old.fingerprint());
            requireUnique(newKeyid, newFingerprint, signKeyId);
            boolean active = c.active() == null ? old.active() : c.active();
            Instant archived = active ? null : (old.active() ? clock.instant() : old.archived());
            SignKey updated = new SignKey(old.id(), c.name() == null ? old.name() : c.name().trim(),
                    c.description() == null ? old.description() : c.description(), newKeyid, newFingerprint,
                    c.publicUrl() == null ? old.publicUrl() : c.publicUrl(), old.inserted(), active, archived,
                    c.platformIds() == null ? old.platformIds() : c.platformIds(), old.owner(), old.community(),
                    old.productName());
            keys.update(updated);
            return keys.find(signKeyId).orElseThrow();
        });
    }

    private void requirePlatforms(List<Long> platformIds) {
        List<Long> missing = keys.missingPlatforms(platformIds);
        if (!missing.isEmpty()) {
            new Problems().add("No platforms with ids " + missing + " exist", "value_error", "platform_ids")
                    .throwIfAny();
        }
    }

    private void requireUnique(String keyid, String fingerprint, long exceptId) {
        keys.findClash(keyid, fingerprint, exceptId).ifPresent(k -> {
            throw new ConflictException(k.keyid().equals(keyid) ? "Key with keyid " + keyid + " already exists"
                    : "Key with fingerprint " + fingerprint + " already exists");
        });
    }

    // ---- sign tasks -----------------------------------------------------------------------------------------------

    @Override
    public SignTaskView create(User user, Long buildId, Long signKeyId) {
        Problems problems = new Problems();
        if (buildId == null) {
            problems.add("Field required", "missing", "build_id");
        }
        if (signKeyId == null) {
            problems.add("Field required", "missing", "sign_key_id");
        }
        problems.throwIfAny();
        return tx.inTransaction(() -> {
            SignTasks.BuildFacts build = tasks.lockBuild(buildId).orElseThrow(() ->
                    new NotFoundException("Build with id " + buildId + " is not found"));
            SignKey key = keys.find(signKeyId).orElseThrow(() ->
                    new NotFoundException("Sign key with id " + signKeyId + " is not found"));
            access.requireOnBuild(user, buildId, build.owner(), build.productId(), Action.SIGN_BUILD);
            if (!key.active()) {
                throw new PermissionDeniedException("This sign key is inactive");
            }
            if (!key.usableBy(user)) {
                throw new PermissionDeniedException("You may not sign with the community key " + key.keyid());
            }
            if (build.signed()) {
                throw new ConflictException("Build " + buildId + " is already signed");
            }
            if (build.openSignTask().isPresent()) {
                throw new ConflictException("Build " + buildId + " has an unfinished sign task "
                        + build.openSignTask().get());
            }
            List<String> why = new ArrayList<>();
            if (build.unfinishedTasks() > 0) {
                why.add(build.unfinishedTasks() + " of its build tasks are not finished");
            }
            if (build.pendingImports() > 0) {
                why.add("the import of its packages into its repositories is not done ("
                        + build.pendingImports() + " store jobs waiting or running)");
            }
            if (build.sourceRpms() == 0) {
                why.add("it has no source RPM");
            }
            if (build.binaryRpms() == 0) {
                why.add("it has no binary RPMs");
            }
            if (!why.isEmpty()) {
                new Problems().add("Build " + buildId + " cannot be signed: " + String.join("; ", why),
                        "value_error", "build_id").throwIfAny();
            }
            long id = tasks.insert(SignTask.created(0, buildId, signKeyId));
            return view(tasks.find(id).orElseThrow(), key);
        });
    }

    @Override
    public List<SignTaskView> list(Optional<Long> buildId, int page) {
        if (page < 1) {
            new Problems().add("Input should be greater than 0", "greater_than", "pageNumber").throwIfAny();
        }
        return tx.inTransaction(() -> {
            Map<Long, SignKey> byId = new HashMap<>();
            int offset = buildId.isPresent() ? 0 : (page - 1) * PAGE_SIZE;
            int limit = buildId.isPresent() ? Integer.MAX_VALUE : PAGE_SIZE;
            return tasks.page(buildId, offset, limit).stream().map(t -> view(t, byId.computeIfAbsent(t.signKeyId(),
                    id -> keys.find(id).orElse(null)))).toList();
        });
    }

    static SignTaskView view(SignTask t, SignKey key) {
        WorkState<SignTaskStatus> s = t.state();
        return new SignTaskView(t.id(), t.buildId(), key, s.status().code(), s.error(), null, s.attempt(),
                s.lease() == null ? null : s.lease().holder().value(), s.lease() == null ? null
                : s.lease().expiresAt(), s.startedAt(), s.finishedAt(),
                t.report() == null ? Map.of() : t.report().stats(), null);
    }

    // ---- the sign node --------------------------------------------------------------------------------------------

    @Override
    public Optional<SignTaskOffer> claim(User node, List<String> keyIds) {
        Problems problems = new Problems();
        List<String> ids = new ArrayList<>();
        if (keyIds == null) {
            problems.add("Field required", "missing", "key_ids");
        } else if (keyIds.isEmpty()) {
            problems.add("key_ids must name at least one key", "value_error", "key_ids");
        } else {
            for (int i = 0; i < keyIds.size(); i++) {
                Optional<String> id = KeyIds.keyId(keyIds.get(i));
                if (id.isEmpty()) {
                    problems.add("a key id is 16 hexadecimal digits", "value_error", "key_ids", i);
                } else {
                    ids.add(id.get());
                }
            }
        }
        problems.throwIfAny();
        return tx.inTransaction(() -> dispatcher.claim(node.id(), new SignTasks.Criteria(ids), clock.instant())
                .leased().map(offer -> offer(offer.work(), offer.payload())));
    }

    /** upstream's payload: the SRPM once (arch {@code src}), each binary per arch task; URLs from the store. */
    private SignTaskOffer offer(SignTask task, SignTasks.Assignment a) {
        Map<String, ArtifactStore.StoredRepository> repos = artifacts.repositories(task.buildId());
        List<OfferedPackage> packages = new ArrayList<>();
        for (SignTasks.BuildPackage p : a.packages()) {
            if (p.contentHandle() == null) {
                continue;
            }
            String repoName = org.albs.domain.signing.SignatureImport.repository(p.platformName(), task.buildId(),
                    p.taskArch(), p.name());
            ArtifactStore.StoredRepository repo = repos.get(repoName);
            String url = repo == null ? null : store.packageUrl(repo, p.name());
            packages.add(new OfferedPackage(p.artifactId(), p.name(), p.name().endsWith(".src.rpm") ? "src"
                    : p.taskArch(), "rpm", url, p.casHash()));
        }
        return new SignTaskOffer(task.id(), task.buildId(), a.keyid(), a.signFiles(), packages);
    }

    @Override
    public void complete(User node, long signTaskId, Long buildId, SignReport report) {
        tx.run(() -> {
            SignTask task = tasks.lock(signTaskId).orElseThrow(() ->
                    new NotFoundException("Sign task with id " + signTaskId + " is not found"));
            if (buildId != null && buildId != task.buildId()) {
                new Problems().add("Sign task " + signTaskId + " is of build " + task.buildId() + ", not " + buildId,
                        "value_error", "build_id").throwIfAny();
            }
            Instant now = clock.instant();
            SignTask.Received received = task.receive(node.id(), report, now);
            tasks.save(received.change());
            if (received.accepted() && report.success()) {
                jobs.enqueue(new StoreJob(WorkState.waiting(0, org.albs.domain.artifacts.StoreJobStatus.WAITING),
                        StoreJobKind.SIGN_PACKAGES, StoreJob.Subject.build(task.buildId()),
                        Map.of(TASK_STEP, "done:" + signTaskId), now));
            }
        });
    }

    // ---- key generation -------------------------------------------------------------------------------------------

    @Override
    public Optional<GenKeyOffer> claimKeyGeneration(User node) {
        return tx.inTransaction(() -> genKeyDispatcher.claim(node.id(), GenKeyTasks.AnyNode.INSTANCE,
                clock.instant()).leased().map(o -> offer(o.work())));
    }

    private static GenKeyOffer offer(GenKeyTask t) {
        return new GenKeyOffer(t.id(), t.userName(), t.userEmail(), t.productName());
    }

    @Override
    public GenKeyOffer createKeyGeneration(User user, String userName, String userEmail, String productName) {
        user.requireSuperuser();
        Problems problems = new Problems();
        if (userName == null || userName.isBlank()) {
            problems.add("Field required", "missing", "user_name");
        }
        if (userEmail == null || !userEmail.contains("@")) {
            problems.add("user_email must be an e-mail address", "value_error", "user_email");
        }
        if (productName == null || productName.isBlank()) {
            problems.add("Field required", "missing", "product_name");
        }
        problems.throwIfAny();
        return tx.inTransaction(() -> {
            long id = genKeys.insert(GenKeyTask.created(userName.trim(), userEmail.trim(), productName.trim(),
                    user.id()));
            return offer(genKeys.find(id).orElseThrow());
        });
    }

    @Override
    public Optional<SignKey> completeKeyGeneration(User node, long taskId, GeneratedKey k) {
        if (k.success() == null) {
            new Problems().add("Field required", "missing", "success").throwIfAny();
        }
        GenKeyTask task = tx.inTransaction(() -> genKeys.find(taskId)).orElseThrow(() ->
                new NotFoundException("Key generation task with id " + taskId + " is not found"));
        if (!task.state().heldBy(node.id())) {
            throw new ConflictException("Key generation task " + taskId + " is not held by the caller ("
                    + task.status().name() + ")");
        }
        if (!k.success()) {
            tx.run(() -> genKeys.lock(taskId).ifPresent(t -> genKeys.save(t.finish(node.id(), false,
                    k.errorMessage(), clock.instant()))));
            return Optional.empty();
        }
        Problems problems = new Problems();
        Optional<String> keyid = KeyIds.keyId(k.keyId());
        if (keyid.isEmpty()) {
            problems.add("key_id must be 16 hexadecimal digits", "value_error", "key_id");
        }
        Optional<String> fingerprint = KeyIds.fingerprint(k.fingerprint());
        if (fingerprint.isEmpty()) {
            problems.add("fingerprint must be 40 hexadecimal digits", "value_error", "fingerprint");
        }
        if (k.signKeyHref() == null || k.signKeyHref().isBlank()) {
            problems.add("Field required", "missing", "sign_key_href");
        }
        problems.throwIfAny();
        String fileName = k.fileName() == null || k.fileName().isBlank() ? fingerprint.get() + "_public.key"
                : k.fileName();
        // the public key becomes a file in the store (outside the transaction: the store may take a while)
        StoredContent publicKey;
        try {
            List<String> made = store.await(store.startContent(ContentKind.FILE, k.signKeyHref(), fileName));
            if (made.isEmpty()) {
                throw new ArtifactStoreException("the store made no content of " + fileName, false);
            }
            publicKey = store.describe(ContentKind.FILE, made.get(0));
        } catch (ArtifactStoreException e) {
            if (e.isTransient()) {
                throw e;
            }
            throw new org.albs.domain.BadRequestException("The public key " + k.signKeyHref()
                    + " could not be stored: " + e.getMessage());
        }
        return tx.inTransaction(() -> {
            GenKeyTask held = genKeys.lock(taskId).orElseThrow();
            Instant now = clock.instant();
            Change<GenKeyTask> done = held.finish(node.id(), true, null, now);
            requireUnique(keyid.get(), fingerprint.get(), 0);
            for (SignKey previous : keys.lockActiveOfProduct(held.productName())) {
                keys.update(previous.archive(now));
            }
            String name = k.keyName() == null || k.keyName().isBlank() ? held.userName() + "/" + held.productName()
                    + " ALBS community repo <" + held.userEmail() + ">" : k.keyName();
            long id = keys.insert(new SignKey(0, name, "Community key of " + held.productName(), keyid.get(),
                    fingerprint.get(), publicKey.handle(), now, true, null, List.of(), held.owner(), true,
                    held.productName()));
            genKeys.save(done);
            return Optional.of(keys.find(id).orElseThrow());
        });
    }

    @Override
    public int sweep(int limit) {
        Instant now = clock.instant();
        int ended = tx.inTransaction(() -> dispatcher.sweep(now, limit).ended().size());
        return ended + tx.inTransaction(() -> genKeyDispatcher.sweep(now, limit).ended().size());
    }
}
