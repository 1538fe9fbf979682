package org.albs.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.LeaseQueue;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.QueueFixture.SeededBuild;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskCriteria;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.Transactions;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.Srpm;
import org.albs.domain.identity.User;
import org.albs.domain.lease.Change;
import org.albs.domain.platform.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one transaction model: every statement of a use case, Hibernate's and plain JDBC's alike, on the one connection
 * enlisted in its transaction; committed together, rolled back together; nested calls join.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class TransactionsTest {
    private static final TaskCriteria ANY_ARCH = new TaskCriteria(List.of("x86_64", "src"), List.of());

    @Inject
    AdapterPorts adapters;
    @Inject
    Transactions tx;
    @Inject
    AgroalDataSource db;

    private QueueFixture.Ports ports;
    private QueueFixture f;
    private User node;
    private SeededBuild build;
    private Platform el9;

    @BeforeEach
    void seed() {
        ports = adapters.forQueue();
        f = new QueueFixture(ports);
        User owner = f.user("owner");
        node = f.user("node");
        el9 = f.platform("AlmaLinux-9", "x86_64");
        build = f.build(owner, el9, List.of("x86_64"), true, "bash", "zlib");
    }

    private void claim(long taskId) {
        ports.queue().save(ports.queue().lock(taskId).orElseThrow().claim(node.id(), QueueFixture.T0,
                QueueFixture.TERMS));
    }

    @Test
    void theWorkCommitsAsOneAndNestedCallsJoin() {
        long src = build.task("src", 0);
        tx.run(() -> {
            claim(src);
            assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.IDLE.code());
            tx.run(() -> assertThat(ports.queue().lock(src).orElseThrow().status())
                    .isEqualTo(BuildTaskStatus.STARTED));
        });
        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(historyEvents(src)).containsExactly("CLAIM");
    }

    @Test
    void anExceptionRollsBackEverythingTheWorkDid() {
        long src = build.task("src", 0);
        long other = build.task("src", 1);
        assertThatThrownBy(() -> tx.run(() -> {
            claim(src);
            claim(other);
            throw new IllegalStateException("the node's report was bad after all");
        })).hasMessageContaining("bad after all");

        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(statusSeenByAnotherConnection(other)).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(historyEvents(src)).isEmpty();
        // the connection went back to the pool usable, and the next transaction starts clean
        tx.run(() -> claim(src));
        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(statusSeenByAnotherConnection(other)).isEqualTo(BuildTaskStatus.IDLE.code());
    }

    @Test
    void hibernateAndJdbcInOneTransactionShareItsConnection() throws SQLException {
        long platformId = build.platformId();
        int poolSize = db.getConfiguration().connectionPoolConfiguration().maxSize();
        List<Connection> held = new ArrayList<>();
        try {
            // every connection but one is busy: a second connection for the platform read would wait out the
            // acquisition timeout and fail; the work must get by with the one its transaction holds
            for (int i = 0; i < poolSize - 1; i++) {
                held.add(db.getConnection());
            }
            long started = System.nanoTime();
            Platform read = tx.inTransaction(() -> {
                claim(build.task("src", 0));
                return ports.platforms().findById(platformId).orElseThrow();
            });
            assertThat(read.name()).isEqualTo(el9.name());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(statusSeenByAnotherConnection(build.task("src", 0))).isEqualTo(BuildTaskStatus.STARTED.code());
    }

    @Test
    void aReportForATaskThatVanishedRollsBackTheWholeTransaction() {
        long src = build.task("src", 0);
        Change<BuildTask> ghost = BuildTask.planned(Long.MAX_VALUE, build.id(), build.platformId(), 1, node.id(), 0,
                        "x86_64").claim(node.id(), QueueFixture.T0, QueueFixture.TERMS).work()
                .finish(node.id(), NodeOutcome.DONE, null, QueueFixture.T0);
        assertThatThrownBy(() -> tx.run(() -> {
            claim(src);
            ports.results().store(new TaskResults.Report(ghost, List.of(), Map.of(), null, null, false, 1));
        })).isInstanceOf(RuntimeException.class);

        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(historyEvents(src)).isEmpty();
    }

    /**
     * A claim hands out the task as it is once locked, not as it was when the claim's statement began: here its SRPM
     * arrives (as when the src task of its ref finished) while the claim waits for the table.
     */
    @Test
    void aClaimHandsOutTheTaskAsItIsOnceLockedNotAsItWasWhenTheCallBegan() throws Exception {
        long first = f.nextId(QueueFixture.T0, "x86_64", "src").orElseThrow();
        try (Connection blocker = db.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // reads go on, row locks wait: the claim gets as far as its first lock and waits there
                s.execute("LOCK TABLE build_tasks IN EXCLUSIVE MODE");
            }
            CompletableFuture<LeaseQueue.Offer<BuildTask, TaskAssignment>> handedOut = CompletableFuture.supplyAsync(
                    () -> tx.inTransaction(() -> ports.queue().lockClaimable(ANY_ARCH, QueueFixture.T0, 1).get(0)));
            awaitAnotherSessionWaitingForALockOnBuildTasks();
            try (Statement s = blocker.createStatement()) {
                s.executeUpdate("UPDATE build_tasks SET built_srpm_url = 'arrived-meanwhile.src.rpm',"
                        + " srpm_hash = 'hash-meanwhile' WHERE id = " + first);
            }
            blocker.commit();
            BuildTask task = handedOut.get(30, TimeUnit.SECONDS).work();
            assertThat(task.id()).isEqualTo(first);
            assertThat(task.srpm()).isEqualTo(new Srpm("arrived-meanwhile.src.rpm", "hash-meanwhile"));
        }
    }

    @Test
    void aLockedTaskIsSkippedByOtherClaimantsNotWaitedFor() throws Exception {
        long first = f.nextId(QueueFixture.T0, "x86_64", "src").orElseThrow();
        CompletableFuture<Void> holding = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Long> holder = CompletableFuture.supplyAsync(() -> tx.inTransaction(() -> {
            long id = ports.queue().lockClaimable(ANY_ARCH, QueueFixture.T0, 1).get(0).work().id();
            holding.complete(null);
            release.join();
            return id;
        }));
        holding.get(30, TimeUnit.SECONDS);
        long started = System.nanoTime();
        long second = tx.inTransaction(() -> ports.queue().lockClaimable(ANY_ARCH, QueueFixture.T0, 1).get(0)
                .work().id());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        release.complete(null);
        assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
    }

    private void awaitAnotherSessionWaitingForALockOnBuildTasks() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM pg_locks"
                         + " WHERE relation = 'build_tasks'::regclass AND NOT granted")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the claim never waited for the table lock");
    }

    /** Read on another thread: on this one, inside a transaction, the pool hands out the transaction's connection. */
    private <T> T elsewhere(java.util.function.Supplier<T> read) {
        return CompletableFuture.supplyAsync(read).join();
    }

    private List<String> historyEvents(long taskId) {
        return elsewhere(() -> historyEventsHere(taskId));
    }

    private List<String> historyEventsHere(long taskId) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT event FROM build_task_history WHERE build_task_id = " + taskId
                     + " ORDER BY id")) {
            List<String> events = new ArrayList<>();
            while (rs.next()) {
                events.add(rs.getString(1));
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int statusSeenByAnotherConnection(long taskId) {
        return elsewhere(() -> statusHere(taskId));
    }

    private int statusHere(long taskId) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT status FROM build_tasks WHERE id = " + taskId)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
