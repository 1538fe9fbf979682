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
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.adapter.out.persistence.JdbcTransactions;
import org.albs.application.port.out.QueueFixture;
import org.albs.application.port.out.QueueFixture.SeededBuild;
import org.albs.application.port.out.TaskAssignment;
import org.albs.application.port.out.TaskResults;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.Lease;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatch flows' transactions (connection-local, no JTA): every statement of the work on one connection,
 * committed together, rolled back together, and nested calls join. The last write of get_task and build_done is held
 * back and sent with the COMMIT: it must behave exactly as if it had been sent at once.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class JdbcTransactionsTest {
    @Inject
    AdapterPorts adapters;
    @Inject
    JdbcTransactions jdbcTx;
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

    @Test
    void theWorkCommitsAsOneAndNestedCallsJoin() {
        long src = build.task("src", 0);
        jdbcTx.run(() -> {
            BuildTask.Change claim = ports.queue().lock(src).orElseThrow().claim(node.id(), QueueFixture.T0,
                    QueueFixture.POLICY);
            ports.queue().claim(claim);
            assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.IDLE.code());
            jdbcTx.run(() -> assertThat(ports.queue().lock(src).orElseThrow().status())
                    .isEqualTo(BuildTaskStatus.STARTED));
        });
        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.STARTED.code());
    }

    @Test
    void anExceptionRollsBackEverythingTheWorkDid() {
        long src = build.task("src", 0);
        long other = build.task("src", 1);
        assertThatThrownBy(() -> jdbcTx.run(() -> {
            ports.queue().claim(ports.queue().lock(src).orElseThrow().claim(node.id(), QueueFixture.T0,
                    QueueFixture.POLICY));
            ports.queue().claim(ports.queue().lock(other).orElseThrow().claim(node.id(), QueueFixture.T0,
                    QueueFixture.POLICY));
            throw new IllegalStateException("the node's report was bad after all");
        })).hasMessageContaining("bad after all");

        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(statusSeenByAnotherConnection(other)).isEqualTo(BuildTaskStatus.IDLE.code());
        // the connection went back to the pool usable, and the next transaction starts clean
        jdbcTx.run(() -> ports.queue().claim(ports.queue().lock(src).orElseThrow().claim(node.id(),
                QueueFixture.T0, QueueFixture.POLICY)));
        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(statusSeenByAnotherConnection(other)).isEqualTo(BuildTaskStatus.IDLE.code());
    }

    @Test
    void aPlatformReadInsideTheWorkUsesItsConnectionNotASecondOneFromThePool() throws SQLException {
        long platformId = build.platformId();
        int poolSize = db.getConfiguration().connectionPoolConfiguration().maxSize();
        List<Connection> held = new ArrayList<>();
        try {
            // every connection but one is busy: a second connection for the read would wait out the acquisition
            // timeout and fail; the work must get by with the one it holds
            for (int i = 0; i < poolSize - 1; i++) {
                held.add(db.getConnection());
            }
            long started = System.nanoTime();
            Platform read = jdbcTx.inTransaction(() -> ports.platforms().findById(platformId).orElseThrow());
            assertThat(read.name()).isEqualTo(el9.name());
            assertThat(read.data()).isEqualTo(el9.data());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aClaimAfterLockNextIsHeldBackUntilTheNextStatementOrTheCommit() {
        long first = f.nextId(QueueFixture.T0, "x86_64", "src").orElseThrow();
        jdbcTx.run(() -> {
            BuildTask next = ports.queue().lockNext(List.of("x86_64", "src"), List.of(), QueueFixture.T0).orElseThrow();
            assertThat(next.id()).isEqualTo(first);
            ports.queue().claim(next.claim(node.id(), QueueFixture.T0, QueueFixture.POLICY));
            // the next statement on the transaction's connection sends the held-back claim first
            assertThat(ports.queue().lock(first).orElseThrow().status()).isEqualTo(BuildTaskStatus.STARTED);
            assertThat(statusSeenByAnotherConnection(first)).isEqualTo(BuildTaskStatus.IDLE.code());
        });
        assertThat(statusSeenByAnotherConnection(first)).isEqualTo(BuildTaskStatus.STARTED.code());

        // with nothing after it, the claim goes out with the COMMIT
        long second = f.nextId(QueueFixture.T0, "x86_64", "src").orElseThrow();
        jdbcTx.run(() -> ports.queue().claim(ports.queue().lockNext(List.of("x86_64", "src"), List.of(),
                QueueFixture.T0).orElseThrow().claim(node.id(), QueueFixture.T0, QueueFixture.POLICY)));
        assertThat(statusSeenByAnotherConnection(second)).isEqualTo(BuildTaskStatus.STARTED.code());
        assertThat(historyEvents(first)).containsExactly("CLAIM");
        assertThat(historyEvents(second)).containsExactly("CLAIM");
    }

    @Test
    void thePayloadReadWithLockNextIsTheOneTheClaimWouldReadItself() {
        long first = f.nextId(QueueFixture.T0, "x86_64", "src").orElseThrow();
        // the claim without lockNext reads the payload in its own statement; rolled back, so the task stays ready
        AtomicReference<TaskAssignment> readByTheClaim = new AtomicReference<>();
        assertThatThrownBy(() -> jdbcTx.run(() -> {
            readByTheClaim.set(ports.queue().claim(ports.queue().lock(first).orElseThrow()
                    .claim(node.id(), QueueFixture.T0, QueueFixture.POLICY)));
            throw new IllegalStateException("rolled back on purpose");
        })).hasMessage("rolled back on purpose");

        TaskAssignment readWithLockNext = jdbcTx.inTransaction(() -> {
            BuildTask next = ports.queue().lockNext(List.of("x86_64", "src"), List.of(), QueueFixture.T0).orElseThrow();
            return ports.queue().claim(next.claim(node.id(), QueueFixture.T0, QueueFixture.POLICY));
        });
        assertThat(readWithLockNext.taskId()).isEqualTo(first);
        assertThat(readWithLockNext).isEqualTo(readByTheClaim.get());
    }

    @Test
    void aHeldBackWriteThatFailsRollsBackTheWholeTransaction() {
        long src = build.task("src", 0);
        BuildTask.Change ghost = new BuildTask(Long.MAX_VALUE, build.id(), build.platformId(), 1, node.id(), 0,
                "x86_64", BuildTaskStatus.STARTED, new Lease(node.id(), QueueFixture.T0.plusSeconds(60)), 1, null,
                QueueFixture.T0, null, null).finish(node.id(), NodeOutcome.DONE, null, QueueFixture.T0);
        assertThatThrownBy(() -> jdbcTx.run(() -> {
            ports.queue().claim(ports.queue().lock(src).orElseThrow().claim(node.id(), QueueFixture.T0,
                    QueueFixture.POLICY));
            // the report is held back; the task does not exist, so it fails with the COMMIT it carries
            ports.results().store(new TaskResults.Report(ghost, List.of(), Map.of(), null, null, false, null, null,
                    1), QueueFixture.T0);
        })).hasMessageContaining("vanished");

        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.IDLE.code());
        assertThat(historyEvents(src)).isEmpty();
        // the connection went back to the pool usable
        jdbcTx.run(() -> ports.queue().claim(ports.queue().lock(src).orElseThrow().claim(node.id(),
                QueueFixture.T0, QueueFixture.POLICY)));
        assertThat(statusSeenByAnotherConnection(src)).isEqualTo(BuildTaskStatus.STARTED.code());
    }

    /**
     * albs_next_task's statements each take their snapshot when they run, so a task can change between the moment
     * get_task's statement began and the moment the function locked it (here: its SRPM arrived, as when the src task
     * of its ref finished). The task is handed out as it is once locked, not as it was when get_task began.
     */
    @Test
    void lockNextHandsOutTheTaskAsItIsOnceLockedNotAsItWasWhenTheCallBegan() throws Exception {
        long first = f.nextId(QueueFixture.T0, "x86_64", "src").orElseThrow();
        try (Connection blocker = db.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // reads go on, row locks wait: get_task gets as far as its first lock and waits there
                s.execute("LOCK TABLE build_tasks IN EXCLUSIVE MODE");
            }
            CompletableFuture<TaskAssignment> handedOut = CompletableFuture.supplyAsync(() -> jdbcTx.inTransaction(
                    () -> ports.queue().claim(ports.queue().lockNext(List.of("x86_64", "src"), List.of(),
                            QueueFixture.T0).orElseThrow().claim(node.id(), QueueFixture.T0, QueueFixture.POLICY))));
            awaitAnotherSessionWaitingForALockOnBuildTasks();
            try (Statement s = blocker.createStatement()) {
                s.executeUpdate("UPDATE build_tasks SET built_srpm_url = 'arrived-meanwhile.src.rpm',"
                        + " srpm_hash = 'hash-meanwhile' WHERE id = " + first);
            }
            blocker.commit();
            TaskAssignment assignment = handedOut.get(30, TimeUnit.SECONDS);
            assertThat(assignment.taskId()).isEqualTo(first);
            assertThat(assignment.builtSrpmUrl()).isEqualTo("arrived-meanwhile.src.rpm");
            assertThat(assignment.srpmHash()).isEqualTo("hash-meanwhile");
        }
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
        throw new AssertionError("get_task never waited for the table lock");
    }

    private List<String> historyEvents(long taskId) {
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
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT status FROM build_tasks WHERE id = " + taskId)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
