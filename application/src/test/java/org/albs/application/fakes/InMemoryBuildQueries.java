package org.albs.application.fakes;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.albs.application.port.in.builds.BuildFilter;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.out.BuildQueries;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.identity.User;
import org.albs.domain.lease.Lease;
import org.albs.domain.platform.Platform;

/** {@link BuildQueries} over a {@link BuildStore}: the same filters and view as the SQL adapter. */
public final class InMemoryBuildQueries implements BuildQueries {
    private final BuildStore store;

    public InMemoryBuildQueries(BuildStore store) {
        this.store = store;
    }

    @Override
    public Page page(BuildFilter filter, int offset, int limit) {
        List<Long> all = store.builds.descendingMap().values().stream().filter(matches(filter)).map(b -> b.id)
                .toList();
        return new Page(all.stream().skip(offset).limit(limit).toList(), all.size());
    }

    private Predicate<BuildStore.BuildRow> matches(BuildFilter f) {
        return b -> (f.createdBy() == null || b.owner.value() == f.createdBy())
                && (f.project() == null || refsOf(b.id).stream().anyMatch(r -> r.url.contains("/" + f.project())))
                && (f.ref() == null || refsOf(b.id).stream().anyMatch(r -> r.url.contains(f.ref())
                        || r.gitRef != null && r.gitRef.contains(f.ref())))
                && (f.platformId() == null || tasksOf(b.id).stream().anyMatch(t -> t.task.platformId() == f.platformId()))
                && (f.buildTaskArch() == null || tasksOf(b.id).stream()
                        .anyMatch(t -> t.task.arch().equals(f.buildTaskArch())))
                && (f.isRunning() == null || f.isRunning() == (b.finishedAt == null))
                && (f.released() == null || f.released() == b.released)
                && (!f.byPackage() || hasPackage(b.id, f))
                && (f.signed() == null || unsupported("the signed filter (signing lives in InMemorySignTasks)"));
    }

    private static boolean unsupported(String what) {
        throw new UnsupportedOperationException("InMemoryBuildQueries: " + what);
    }

    private boolean hasPackage(long buildId, BuildFilter f) {
        return tasksOf(buildId).stream().flatMap(t -> store.artifacts.stream().filter(a -> a.taskId() == t.task.id()))
                .filter(a -> a.type().equals("rpm"))
                .map(a -> store.contents.get(a.id()))
                .anyMatch(c -> c != null && c.pkg() != null && eq(f.rpmName(), c.pkg().name())
                        && eq(f.rpmEpoch(), c.pkg().epoch()) && eq(f.rpmVersion(), c.pkg().version())
                        && eq(f.rpmRelease(), c.pkg().release()) && eq(f.rpmArch(), c.pkg().arch()));
    }

    private static boolean eq(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    @Override
    public Optional<BuildView.Artifact> artifact(long id) {
        return store.artifacts.stream().filter(a -> a.id() == id).findFirst()
                .map(a -> new BuildView.Artifact(a.id(), a.name(), a.type(), a.href(), a.sha256(), a.casHash(), null));
    }

    private List<BuildStore.RefRow> refsOf(long buildId) {
        return store.refs.values().stream().filter(r -> r.buildId == buildId).toList();
    }

    private List<BuildStore.TaskRow> tasksOf(long buildId) {
        return store.tasks.values().stream().filter(t -> t.task.buildId() == buildId).toList();
    }

    @Override
    public List<BuildView> views(List<Long> ids, boolean withHistory) {
        List<BuildView> views = new ArrayList<>();
        for (long id : ids) {
            BuildStore.BuildRow b = store.builds.get(id);
            Optional<User> owner = b == null ? Optional.empty() : store.users.findById(b.owner);
            if (owner.isEmpty()) {
                continue;
            }
            List<BuildView.Task> tasks = new ArrayList<>();
            for (BuildStore.TaskRow t : tasksOf(id)) {
                Optional<Platform> p = store.platforms.findById(t.task.platformId());
                if (p.isEmpty()) {
                    continue;
                }
                tasks.add(task(t, p.get(), withHistory));
            }
            views.add(new BuildView(b.id, time(b.createdAt), time(b.finishedAt), tasks,
                    new BuildView.Owner(owner.get().id().value(), owner.get().username(), owner.get().email()),
                    List.of(), List.copyOf(b.linkedBuilds), Json.copy(b.mockOptions), flavours(b), b.releaseId,
                    b.released, b.cancelTesting, List.of(), b.secureBoot, b.productId, b.openTasks, null,
                    store.signedBuilds.containsKey(b.id), store.signedBuilds.get(b.id), store.events.stream()
                    .filter(e -> e.buildId() == b.id).map(e -> new BuildView.PipelineEvent(time(e.at()), e.event(),
                            e.message())).toList()));
        }
        return views;
    }

    private List<Object> flavours(BuildStore.BuildRow b) {
        return b.flavours.isEmpty() ? List.of() : store.flavours.findByIds(b.flavours).stream()
                .map(f -> (Object) new BuildView.Flavour(f.id(), f.name())).toList();
    }

    private BuildView.Task task(BuildStore.TaskRow row, Platform p, boolean withHistory) {
        BuildTask t = row.task;
        BuildStore.RefRow r = store.refs.get(t.refId());
        BuildView.Ref ref = new BuildView.Ref(r.url, r.gitRef, r.refType.code(), r.gitCommitHash,
                Json.copy(r.mockOptions), false, true, Json.copy(r.testConfiguration), List.of(), null, null);
        List<BuildView.Artifact> artifacts = store.artifacts.stream().filter(a -> a.taskId() == t.id())
                .map(a -> new BuildView.Artifact(a.id(), a.name(), a.type(), a.href(), a.sha256(), a.casHash(), null))
                .toList();
        List<BuildView.PerformanceStats> stats = store.stats.stream().filter(s -> s.taskId() == t.id())
                .map(s -> new BuildView.PerformanceStats(s.id(), s.taskId(), null, null, Json.copy(s.statistics())))
                .toList();
        List<BuildView.ArtifactImport> imports = store.jobs.values().stream()
                .filter(j -> j.subject().taskId() != null && j.subject().taskId() == t.id())
                .map(j -> new BuildView.ArtifactImport(j.id(), j.status().name().toLowerCase(java.util.Locale.ROOT),
                        j.state().attempt(), time(j.createdAt()), j.state().error()))
                .toList();
        List<BuildView.HistoryEntry> history = withHistory ? store.history.stream()
                .filter(h -> h.entry().workId() == t.id())
                .sorted(Comparator.comparingLong(BuildStore.HistoryRow::id))
                .map(h -> h.entry())
                .map(h -> new BuildView.HistoryEntry(time(h.at()), h.event().name(), h.status().code(),
                        h.actor() == null ? null : h.actor().value(), h.attempt(), h.reason()))
                .toList() : null;
        Lease lease = t.lease();
        return new BuildView.Task(t.id(), time(lease == null ? null : lease.renewedAt()), time(t.startedAt()),
                time(t.finishedAt()), t.status().code(), t.index(), t.arch(),
                new BuildView.Platform(p.id(), p.type(), p.name(), p.archList()), ref, List.of(), artifacts,
                t.cas().authenticated(), t.cas().almaCommitCasHash(), Json.copy(row.mockOptions), row.secureBoot,
                store.testTasksOf.apply(t.id()), t.error(), stats, t.attempt(), lease == null ? null : lease.holder().value(),
                time(lease == null ? null : lease.expiresAt()), t.builtSrpmUrl(),
                t.srpm() == null ? null : t.srpm().hash(), imports, history);
    }

    private static LocalDateTime time(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
