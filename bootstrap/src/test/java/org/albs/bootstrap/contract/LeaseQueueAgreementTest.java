package org.albs.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.MutableClock;
import org.albs.application.platform.PlatformService;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.builds.PingCommand;
import org.albs.application.port.in.builds.TaskPayload;
import org.albs.application.port.in.platform.PlatformSpec;
import org.albs.application.port.in.platform.RepositorySpec;
import org.albs.application.port.out.BuildQueries;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.fakes.Packages;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.PulpStub;
import org.albs.domain.identity.UserId;
import io.quarkus.test.junit.TestProfile;
import org.albs.bootstrap.support.Queue;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.RefType;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of what happens to a build farm (builds created, nodes claiming, pinging and reporting, leases
 * running out, the sweeper, users restarting and cancelling) driven through the same services twice: once over the
 * PostgreSQL adapters, once over the in-memory ones. After every step both must have answered alike and hold the
 * same state (every task's status, lease, attempts, times, SRPM, dependencies still awaited, history; every build's
 * open count and finish time), and every task's history must be a path through the domain's life cycle ending in
 * its status. Ids differ between the stores, so states are compared with ids replaced by names.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class LeaseQueueAgreementTest {
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(10), 2);
    private static final String SHA = "c".repeat(64);
    private static final LeaseTerms JOB_TERMS = new LeaseTerms(Duration.ofMinutes(5), 3);
    private static final List<List<String>> NODE_ARCHES = List.of(List.of("src", "x86_64"), List.of("x86_64"),
            List.of("i686"), List.of("src"), List.of("src", "x86_64", "i686"));
    private static final Pattern USER_ID = Pattern.compile("user (\\d+)");
    /** A build's id in a build repository's name ({@code …-src-12-br}, {@code …-x86_64-12-debug-br}). */
    private static final Pattern BUILD_ID = Pattern.compile("-(\\d+)(-debug)?-br");

    @Inject
    AdapterPorts real;

    interface Upload {
        void upload(String href, String sha256, String fileName);
    }

    /** Runs the store jobs waiting now, one after the other, until none waits. */
    private static void drain(StoreJobService service) {
        UserId worker = service.newWorker();
        while (service.workOnce(worker)) {
            // next
        }
    }

    /** One side of the comparison: the services over one store, and what it knows of its own ids. */
    private static final class Side {
        final String name;
        final BuildService builds;
        final BuildNodeService nodes;
        final BuildQueries queries;
        final Transactions tx;
        final Users users;
        final LongUnaryOperator pendingDeps;
        /** Runs the side's waiting store jobs to their end, as one worker (no background worker runs here). */
        final Runnable runJobs;
        /** Uploads an artifact to the side's store, as a node does before it reports: href, sha256, file name. */
        final Upload upload;
        final Map<String, User> accounts = new HashMap<>();
        final Map<Long, String> userNames = new HashMap<>();
        final List<Long> buildIds = new ArrayList<>();

        Side(String name, BuildService builds, BuildNodeService nodes, BuildQueries queries, Transactions tx,
             Users users, LongUnaryOperator pendingDeps, Runnable runJobs, Upload upload) {
            this.runJobs = runJobs;
            this.upload = upload;
            this.name = name;
            this.builds = builds;
            this.nodes = nodes;
            this.queries = queries;
            this.tx = tx;
            this.users = users;
            this.pendingDeps = pendingDeps;
        }

        User account(String username, Instant now) {
            User u = tx.inTransaction(() -> users.insert(new NewUser(username, username + "@example.org", null, true,
                    true, false), now));
            accounts.put(username, u);
            userNames.put(u.id().value(), username);
            return u;
        }

        List<BuildView> views() {
            return tx.inTransaction(() -> queries.views(buildIds, true));
        }

        /** The id of this side's task at position {@code ordinal} of build {@code build} (ids ascend in plan order). */
        long taskId(int build, int ordinal) {
            return views().get(build).tasks().get(ordinal).id();
        }
    }

    @Test
    void postgresqlAndInMemoryAgreeWithTheDomainOnRandomSequences() {
        for (long seed : new long[] {1, 2, 3, 4}) {
            run(seed, 160);
        }
    }

    private void run(long seed, int steps) {
        // the database is shared: the builds of earlier tests must not be claimable here
        Queue.retireAllOpenTasks(real.db);
        Random random = new Random(seed);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        InMemoryAdapters a = new InMemoryAdapters(clock);
        StoreJobService memJobs = new StoreJobService(a.jobs(), a.artifacts(), a.queue(), a.platforms(),
                a.artifactStore(), a.knowledge(), a.tx(), clock, JOB_TERMS, Duration.ofSeconds(5), Duration.ofMinutes(1),
                StoreJobService.BuildSettled.NONE);
        StoreJobService pgJobs = new StoreJobService(real.jobs, real.artifacts, real.queue, real.platforms, real.store,
                a.knowledge(), real.tx, clock, JOB_TERMS, Duration.ofSeconds(5), Duration.ofMinutes(1),
                StoreJobService.BuildSettled.NONE);
        Side mem = new Side("in-memory", new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
                a.flavours(), a.jobs(),
                a.artifacts(), a.access(), a.tx(), clock), new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(),
                a.platforms(), a.tx(), clock, TERMS, "http://pulp/"), a.queries(), a.tx(), a.users(),
                id -> a.store().pendingDependencies(id), () -> drain(memJobs),
                (href, sha, name) -> a.artifactStore().upload(href, sha, Packages.meta(name)));
        Side pg = new Side("postgresql", new BuildService(real.builds, real.queries, real.queue, real.platforms,
                real.flavours, real.jobs, real.artifacts, real.access, real.tx, clock), new BuildNodeService(real.queue, real.builds, real.results,
                real.jobs, real.platforms, real.tx, clock, TERMS, "http://pulp/"), real.queries, real.tx, real.users,
                this::pendingDepsInPostgres, () -> drain(pgJobs),
                (href, sha, name) -> PulpStub.shared().register(href, sha, Packages.meta(name)));
        List<Side> sides = List.of(mem, pg);
        String platform = "AlmaLinux-9-" + suffix;
        for (Side side : sides) {
            for (String name : List.of("alice", "bob", "n1", "n2", "n3")) {
                side.account(name + "-" + suffix, clock.instant());
            }
            User admin = side.account("admin-" + suffix, clock.instant());
            PlatformService service = side == mem ? new PlatformService(a.platforms(), a.repositories(), a.tx())
                    : new PlatformService(real.platforms, real.repositories, real.tx);
            service.create(new User(admin.id(), admin.username(), admin.email(), null, true, true, true, null, null),
                    new PlatformSpec(platform, "rpm", "almalinux", "9", null, null, null, null, null,
                            List.of("x86_64", "i686"), null, null, List.of(
                            new RepositorySpec("BaseOS-" + suffix, "x86_64", "https://repo.example.org/x86_64/", "rpm",
                                    null, null, null, null, null, null),
                            new RepositorySpec("BaseOS-" + suffix, "i686", "https://repo.example.org/i686/", "rpm",
                                    null, null, null, null, null, null)),
                            Map.of("mock", Map.of("root", "el9")), null, null, null));
        }
        List<String> trace = new ArrayList<>();
        try {
            for (int step = 0; step < steps; step++) {
                String op = step(random, suffix, platform, clock, sides, trace);
                trace.add(op);
                String memState = state(mem);
                String pgState = state(pg);
                assertThat(pgState).as("seed %d, step %d (%s); the steps so far:%n%s", seed, step, op,
                        String.join("\n", trace)).isEqualTo(memState);
                checkHistories(mem, "seed " + seed + ", step " + step);
            }
        } finally {
            retire(pg);
        }
    }

    /** One random step, done on both sides with the same logical arguments; the answers must agree. */
    private String step(Random random, String suffix, String platform, MutableClock clock, List<Side> sides,
                        List<String> trace) {
        Side mem = sides.get(0);
        int roll = random.nextInt(100);
        if (roll < 10 && mem.buildIds.size() < 6 || mem.buildIds.isEmpty()) {
            String owner = (random.nextBoolean() ? "alice-" : "bob-") + suffix;
            int refs = 1 + random.nextInt(3);
            List<CreateBuildCommand.RefEntry> entries = new ArrayList<>();
            for (int i = 0; i < refs; i++) {
                entries.add(new CreateBuildCommand.RefEntry("https://git.example.org/rpms/p" + random.nextInt(5)
                        + ".git", "c9", RefType.GIT_BRANCH, null, null, null, false));
            }
            List<String> arches = random.nextBoolean() ? List.of("x86_64", "i686")
                    : List.of(random.nextBoolean() ? "x86_64" : "i686");
            boolean independent = random.nextInt(3) == 0;
            CreateBuildCommand cmd = new CreateBuildCommand(List.of(new CreateBuildCommand.PlatformEntry(platform,
                    arches, null, independent)), entries, null, null, null, null, null);
            return agree(sides, "create by " + owner + " " + refs + " refs " + arches + (independent ? " independent"
                    : ""), side -> {
                BuildView b = side.builds.create(side.accounts.get(owner), cmd);
                side.buildIds.add(b.id());
                side.runJobs.run();
                return "build " + (side.buildIds.size() - 1);
            });
        }
        if (roll < 45) {
            String node = "n" + (1 + random.nextInt(3)) + "-" + suffix;
            List<String> arches = NODE_ARCHES.get(random.nextInt(NODE_ARCHES.size()));
            List<String> excluded = random.nextInt(5) == 0 ? List.of("p" + random.nextInt(5)) : List.of();
            return agree(sides, "get_task " + node + " " + arches + " excluding " + excluded, side -> side.nodes
                    .nextTask(side.accounts.get(node), new GetTaskCommand(arches, excluded))
                    .map(t -> describe(side, t)).orElse("nothing"));
        }
        if (roll < 65) {
            List<long[]> started = tasksIn(mem, BuildTaskStatus.STARTED);
            if (started.isEmpty()) {
                return "no started task to report";
            }
            long[] pick = started.get(random.nextInt(started.size()));
            BuildView.Task t = mem.views().get((int) pick[0]).tasks().get((int) pick[1]);
            String holder = mem.userNames.get(t.leaseHolder());
            String node = random.nextInt(5) == 0 ? "n" + (1 + random.nextInt(3)) + "-" + suffix : holder;
            String outcome = List.of("done", "done", "failed", "excluded").get(random.nextInt(4));
            List<RawArtifact> artifacts = new ArrayList<>();
            if (random.nextInt(4) != 0) {
                artifacts.add(new RawArtifact(t.arch().equals("src") ? "p-1.0-1.el9.src.rpm" : "p-1.0-1.el9."
                        + t.arch() + ".rpm", "rpm", "/pulp/api/v3/content/rpm/packages/" + pick[1] + "/", SHA,
                        "cas-" + pick[1]));
            }
            artifacts.add(new RawArtifact("build.log", "build_log", "/pulp/api/v3/content/file/files/1/", SHA, null));
            String commit = random.nextBoolean() ? "abc123" : null;
            return agree(sides, "build_done by " + node + " on task " + pick[0] + "/" + pick[1] + " " + outcome, side -> {
                artifacts.forEach(r -> side.upload.upload(r.href(), r.sha256(), r.name()));
                side.nodes.buildDone(side.accounts.get(node), BuildDoneCommand.of(side.taskId((int) pick[0],
                        (int) pick[1]), outcome, artifacts, Map.of("build_node_task", Map.of("start_ts",
                        "2026-03-01 08:00:00.000001")), commit, null, null));
                side.runJobs.run();
                return "ok";
            });
        }
        if (roll < 73) {
            String node = "n" + (1 + random.nextInt(3)) + "-" + suffix;
            List<long[]> started = tasksIn(mem, BuildTaskStatus.STARTED);
            return agree(sides, "ping by " + node, side -> {
                List<Long> ids = new ArrayList<>();
                for (long[] s : started) {
                    ids.add(side.taskId((int) s[0], (int) s[1]));
                }
                return "renewed " + side.nodes.ping(side.accounts.get(node), new PingCommand(ids));
            });
        }
        if (roll < 83) {
            Duration by = List.of(Duration.ofSeconds(30), Duration.ofMinutes(4), Duration.ofMinutes(11))
                    .get(random.nextInt(3));
            clock.advance(by);
            return "clock +" + by;
        }
        if (roll < 88) {
            return agree(sides, "sweep", side -> "failed " + side.nodes.failExhaustedLeases(100).failed().size());
        }
        int build = random.nextInt(mem.buildIds.size());
        String actor = (random.nextInt(4) == 0 ? "bob-" : "alice-") + suffix;
        if (roll < 95) {
            boolean parallel = random.nextBoolean();
            return agree(sides, (parallel ? "parallel " : "") + "restart of build " + build + " by " + actor, side -> {
                side.builds.restartFailed(side.accounts.get(actor), side.buildIds.get(build), parallel);
                return "ok";
            });
        }
        return agree(sides, "cancel of build " + build + " by " + actor, side -> {
            side.builds.cancel(side.accounts.get(actor), side.buildIds.get(build));
            return "ok";
        });
    }

    @FunctionalInterface
    private interface Action {
        String on(Side side);
    }

    /** Does the action on every side; their answers (or the kinds of their refusals) must be the same. */
    private static String agree(List<Side> sides, String what, Action action) {
        List<String> answers = new ArrayList<>();
        for (Side side : sides) {
            String answer;
            try {
                answer = action.on(side);
            } catch (RuntimeException e) {
                answer = "refused: " + e.getClass().getSimpleName();
            }
            answers.add(answer);
        }
        assertThat(answers.get(1)).as("%s: answer of %s", what, sides.get(1).name).isEqualTo(answers.get(0));
        return what + " -> " + answers.get(0);
    }

    /** {build ordinal, task ordinal} of every task in that status, from the in-memory side. */
    private static List<long[]> tasksIn(Side side, BuildTaskStatus status) {
        List<long[]> found = new ArrayList<>();
        List<BuildView> views = side.views();
        for (int b = 0; b < views.size(); b++) {
            List<BuildView.Task> tasks = views.get(b).tasks();
            for (int t = 0; t < tasks.size(); t++) {
                if (tasks.get(t).status() == status.code()) {
                    found.add(new long[] {b, t});
                }
            }
        }
        return found;
    }

    /** A side's whole state, with its ids replaced by names (builds and tasks by their ordinals). */
    private String state(Side side) {
        StringBuilder out = new StringBuilder();
        List<BuildView> views = side.views();
        for (int b = 0; b < views.size(); b++) {
            BuildView v = views.get(b);
            out.append("build ").append(b).append(" by ").append(v.owner().username()).append(" open ")
                    .append(v.openTasks()).append(" finished ").append(v.finishedAt()).append('\n');
            for (int t = 0; t < v.tasks().size(); t++) {
                BuildView.Task task = v.tasks().get(t);
                out.append("  task ").append(t).append(' ').append(task.arch()).append('#').append(task.index())
                        .append(' ').append(BuildTaskStatus.ofCode(task.status()))
                        .append(" holder ").append(task.leaseHolder() == null ? null
                                : side.userNames.get(task.leaseHolder()))
                        .append(" ts ").append(task.ts()).append(" expires ").append(task.leaseExpiresAt())
                        .append(" attempt ").append(task.attempt())
                        .append(" started ").append(task.startedAt()).append(" finished ").append(task.finishedAt())
                        .append(" waits for ").append(side.pendingDeps.applyAsLong(task.id()))
                        .append(" srpm ").append(names(side, task.builtSrpmUrl())).append(' ').append(task.srpmHash())
                        .append(" cas ").append(task.almaCommitCasHash()).append('/').append(task.isCasAuthenticated())
                        .append(" commit ").append(task.ref().gitCommitHash())
                        .append(" error ").append(names(side, task.error()))
                        .append(" artifacts ").append(task.artifacts().stream()
                                .map(x -> x.name() + ":" + x.type() + ":" + x.href()).toList())
                        .append(" imports ").append(task.artifactImports().stream().map(BuildView.ArtifactImport::state)
                                .toList())
                        .append(" stats ").append(task.performanceStats().size()).append('\n');
                for (BuildView.HistoryEntry h : task.history()) {
                    out.append("    ").append(h.at()).append(' ').append(h.event()).append(' ')
                            .append(BuildTaskStatus.ofCode(h.status())).append(" by ")
                            .append(h.node() == null ? null : side.userNames.get(h.node())).append(" attempt ")
                            .append(h.attempt()).append(' ').append(names(side, h.reason())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The payload of a claim, with ids replaced by names. */
    private static String describe(Side side, TaskPayload t) {
        int build = side.buildIds.indexOf(t.buildId());
        List<BuildView.Task> tasks = side.views().get(build).tasks();
        int ordinal = 0;
        while (tasks.get(ordinal).id() != t.id()) {
            ordinal++;
        }
        return "task " + build + "/" + ordinal + " " + t.arch() + " ref " + t.ref() + " by " + t.createdBy()
                + " srpm " + names(side, t.builtSrpmUrl()) + " " + t.srpmHash()
                + " repos " + names(side, t.repositories().stream().map(r -> r.name() + ":" + r.priority() + ":"
                + r.mockEnabled()).toList().toString())
                + " data " + t.platform().data() + " linked " + t.linkedBuilds();
    }

    /** Text with the side's user and build ids replaced by names. */
    private static String names(Side side, String text) {
        if (text == null) {
            return null;
        }
        Matcher users = USER_ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (users.find()) {
            users.appendReplacement(out, "user " + side.userNames.get(Long.parseLong(users.group(1))));
        }
        users.appendTail(out);
        Matcher builds = BUILD_ID.matcher(out.toString());
        StringBuilder done = new StringBuilder();
        while (builds.find()) {
            builds.appendReplacement(done, "-build" + side.buildIds.indexOf(Long.parseLong(builds.group(1)))
                    + (builds.group(2) == null ? "" : "-debug") + "-br");
        }
        builds.appendTail(done);
        return done.toString();
    }

    /**
     * Every task's history is a path through the domain's life cycle: from IDLE, each entry's status is where its
     * event leads from the status before, and the last one is the task's status.
     */
    private static void checkHistories(Side side, String where) {
        for (BuildView v : side.views()) {
            for (BuildView.Task task : v.tasks()) {
                BuildTaskStatus status = BuildTaskStatus.IDLE;
                for (BuildView.HistoryEntry h : task.history()) {
                    BuildTaskStatus next = BuildTask.LIFECYCLE.target(status, WorkEvent.valueOf(h.event()))
                            .orElseThrow(() -> new AssertionError(where + ": task " + task.id() + " took " + h.event()
                                    + " in a state that does not allow it"));
                    assertThat(BuildTaskStatus.ofCode(h.status())).as(where + ": task " + task.id()).isEqualTo(next);
                    status = next;
                }
                assertThat(BuildTaskStatus.ofCode(task.status())).as(where + ": task " + task.id()).isEqualTo(status);
                assertThat(task.leaseHolder() != null || task.status() != BuildTaskStatus.STARTED.code())
                        .as(where + ": a started task has a lease").isTrue();
            }
        }
    }

    private long pendingDepsInPostgres(long taskId) {
        return sql("SELECT pending_deps FROM build_tasks WHERE id = " + taskId, () -> -1L);
    }

    private long sql(String query, Supplier<Long> none) {
        try (Connection c = real.db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : none.get();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The builds of a run leave no open task for the tests after it (the database is shared). */
    private void retire(Side pg) {
        try (Connection c = real.db.getConnection(); Statement s = c.createStatement()) {
            for (long id : pg.buildIds) {
                s.executeUpdate("DELETE FROM builds WHERE id = " + id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
