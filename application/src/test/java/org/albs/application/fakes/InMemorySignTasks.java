package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.albs.application.port.out.SignTasks;
import org.albs.domain.ConflictException;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.lease.HistoryEntry;
import org.albs.domain.lease.LeasePhase;
import org.albs.domain.lease.WorkState;
import org.albs.domain.signing.SignTask;
import org.albs.domain.signing.SignTaskStatus;

/** {@link SignTasks} over a {@link BuildStore} and the keys, following {@code SqlSignTasks}. */
public final class InMemorySignTasks extends InMemoryLeaseQueue<SignTask, SignTasks.Criteria, SignTasks.Assignment>
        implements SignTasks {
    private final BuildStore store;
    private final InMemorySignKeys keys;
    final TreeMap<Long, SignTask> tasks = new TreeMap<>();
    final List<HistoryEntry> history = new ArrayList<>();
    /** The key each signed build is signed with; each signed artifact's key. */
    final Map<Long, Long> signedArtifacts = new HashMap<>();
    private long nextId = 1;

    public InMemorySignTasks(BuildStore store, InMemorySignKeys keys) {
        super(store.tx);
        this.store = store;
        this.keys = keys;
    }

    @Override
    protected Stream<SignTask> items() {
        return tasks.values().stream();
    }

    @Override
    protected Optional<SignTask> item(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    protected void write(SignTask item) {
        tasks.put(item.id(), item);
    }

    @Override
    protected void appendHistory(HistoryEntry entry) {
        history.add(entry);
    }

    private Set<Long> keyIds(Criteria c) {
        return c.keyIds().stream().map(keys::idOf).flatMap(Optional::stream).collect(Collectors.toSet());
    }

    @Override
    protected boolean eligible(SignTask item, Criteria criteria) {
        return item.reportedAt() == null && keyIds(criteria).contains(item.signKeyId());
    }

    @Override
    protected Stream<SignTask> waitingInOrder(Criteria criteria, Instant now) {
        Set<Long> ids = keyIds(criteria);
        return items().filter(t -> t.status() == SignTaskStatus.IDLE && ids.contains(t.signKeyId()));
    }

    @Override
    protected Assignment payload(SignTask item) {
        var key = keys.find(item.signKeyId()).orElseThrow();
        return new Assignment(key.keyid(), false, packages(item.buildId()));
    }

    @Override
    public List<SignTask> lockExhausted(Instant now, int maxAttempts, int limit) {
        return super.lockExhausted(now, maxAttempts, limit).stream().filter(t -> t.reportedAt() == null).toList();
    }

    @Override
    public long insert(SignTask task) {
        store.tx.requireActive("SignTasks.insert");
        if (tasks.values().stream().anyMatch(t -> t.buildId() == task.buildId() && t.open())) {
            throw new ConflictException("Build " + task.buildId() + " has an unfinished sign task");
        }
        long id = nextId++;
        tasks.put(id, new SignTask(WorkState.waiting(id, SignTaskStatus.IDLE), task.buildId(), task.signKeyId(),
                null, null));
        return id;
    }

    @Override
    public Optional<SignTask> find(long id) {
        return item(id);
    }

    @Override
    public List<SignTask> page(Optional<Long> buildId, int offset, int limit) {
        return tasks.descendingMap().values().stream().filter(t -> buildId.map(b -> t.buildId() == b).orElse(true))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count(Optional<Long> buildId) {
        return page(buildId, 0, Integer.MAX_VALUE).size();
    }

    @Override
    public Optional<BuildFacts> lockBuild(long buildId) {
        store.tx.requireActive("SignTasks.lockBuild");
        BuildStore.BuildRow b = store.builds.get(buildId);
        if (b == null) {
            return Optional.empty();
        }
        List<BuildTask> buildTasks = store.tasksOf(buildId);
        List<BuildPackage> imported = packages(buildId).stream().filter(p -> p.contentHandle() != null).toList();
        int srpms = (int) imported.stream().filter(p -> p.name().endsWith(".src.rpm")).count();
        int unfinished = (int) buildTasks.stream().filter(t -> t.state().phase() != LeasePhase.ENDED).count();
        int jobs = (int) store.jobs.values().stream().filter(j -> j.subject().buildId() == buildId
                && j.kind().importsBuildPackages() && j.status().phase() != LeasePhase.ENDED).count();
        Optional<Long> open = tasks.values().stream().filter(t -> t.buildId() == buildId && t.open())
                .map(SignTask::id).findFirst();
        return Optional.of(new BuildFacts(buildId, b.owner, b.productId, store.signedBuilds.containsKey(buildId), srpms,
                imported.size() - srpms, unfinished, jobs, open));
    }

    @Override
    public List<BuildPackage> packages(long buildId) {
        List<BuildPackage> found = new ArrayList<>();
        for (BuildTask t : store.tasksOf(buildId)) {
            if (t.status() != BuildTaskStatus.COMPLETED) {
                continue;
            }
            String platform = store.platforms.findById(t.platformId()).orElseThrow().name();
            store.artifacts.stream().filter(a -> a.taskId() == t.id() && a.type().equals("rpm")).forEach(a -> {
                var content = store.contents.get(a.id());
                found.add(new BuildPackage(a.id(), a.name(), t.arch(), platform,
                        content == null ? null : content.handle(), a.casHash()));
            });
        }
        found.sort(Comparator.comparing((BuildPackage p) -> !p.name().endsWith(".src.rpm")));
        return found;
    }

    /** Whether the build is recorded as signed (for tests). */
    public boolean isSigned(long buildId) {
        return store.signedBuilds.containsKey(buildId);
    }

    @Override
    public void recordSignature(long buildId, long signKeyId, Map<Long, Signed> artifacts) {
        store.tx.requireActive("SignTasks.recordSignature");
        artifacts.forEach((id, s) -> {
            store.artifacts.replaceAll(a -> a.id() == id ? new BuildStore.ArtifactRow(a.id(), a.taskId(), a.name(),
                    a.type(), s.href(), s.content().sha256(), a.casHash()) : a);
            store.contents.put(id, s.content());
            signedArtifacts.put(id, signKeyId);
        });
        store.signedBuilds.put(buildId, signKeyId);
    }
}
