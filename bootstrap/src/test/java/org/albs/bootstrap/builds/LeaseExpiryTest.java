package org.albs.bootstrap.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** A node that goes silent loses its task to the next node; the last lost lease fails the task. */
@QuarkusTest
@TestProfile(ShortLeaseProfile.class)
@WithTestResource(PostgresDatabase.class)
class LeaseExpiryTest extends EmptyQueueTest {

    @Test
    void aSilentNodesTaskGoesToTheNextNodeAndItsLateReportIsRejected() throws InterruptedException {
        Node silent = Node.create("silent");
        Node next = Node.create("next");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/lease.git")).getLong("id");
        long task = silent.getTask(Node.X86_WITH_SRC).getLong("id");
        assertThat(next.getTask(Node.X86_WITH_SRC)).as("a live lease is not handed out").isNull();

        Thread.sleep(2_300);
        JsonPath taken = next.getTask(Node.X86_WITH_SRC);
        assertThat(taken.getLong("id")).isEqualTo(task);
        silent.buildDone(task, "done", Node.artifacts("lease-1-1.el8.src.rpm"))
                .then().statusCode(409).body("ok", equalTo(false));
        next.buildDone(task, "done", Node.artifacts("lease-1-1.el8.src.rpm"))
                .then().statusCode(200).body("ok", equalTo(true));

        JsonPath view = Node.getBuild(build);
        assertThat(view.getInt("tasks[0].status")).isEqualTo(2);
        assertThat(view.getInt("tasks[0].attempt")).isEqualTo(2);
        assertThat(view.getList("tasks[0].history.event", String.class)).containsExactly("CLAIM", "RECLAIM", "DONE");
        assertThat(view.getList("tasks[0].history.node", Long.class))
                .containsExactly(silent.account.id(), next.account.id(), next.account.id());
        assertThat(view.getString("tasks[0].history[1].reason")).contains("expired").contains("attempt 1 of 2");
    }

    @Test
    void pingingKeepsTheLease() throws InterruptedException {
        Node busy = Node.create("busy");
        Node other = Node.create("waiting");
        Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/busy.git"));
        long task = busy.getTask(Node.X86_WITH_SRC).getLong("id");
        for (int i = 0; i < 4; i++) {
            Thread.sleep(800);
            busy.ping(List.of(task)).then().statusCode(200);
            assertThat(other.getTask(Node.X86_WITH_SRC)).isNull();
        }
        busy.buildDone(task, "done", Node.artifacts("busy-1-1.el8.src.rpm")).then().statusCode(200);
    }

    @Test
    void theLastLostLeaseFailsTheTaskWithoutAnyNodeAsking() throws InterruptedException {
        Node first = Node.create("lost-1");
        Node second = Node.create("lost-2");
        long build = Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/lost.git")).getLong("id");
        long task = first.getTask(Node.X86_WITH_SRC).getLong("id");
        Thread.sleep(2_300);
        assertThat(second.getTask(Node.X86_WITH_SRC).getLong("id")).isEqualTo(task);
        // nobody asks again: the sweeper fails it within seconds of the second lease's expiry
        long deadline = System.nanoTime() + Duration.ofSeconds(2 + 5).toNanos();
        JsonPath view = Node.getBuild(build);
        while (view.getInt("tasks[0].status") != 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            view = Node.getBuild(build);
        }
        assertThat(view.getInt("tasks[0].status")).isEqualTo(3);
        assertThat(view.getString("tasks[0].error")).contains("expired").contains("attempt 2 of 2");
        assertThat(view.getList("tasks[0].history.event", String.class))
                .containsExactly("CLAIM", "RECLAIM", "LEASE_EXHAUSTED");
        // its dependant fast-fails nothing (no SRPM verdict) but is released; the failed task is final
        second.buildDone(task, "done", Node.artifacts()).then().statusCode(409);
    }
}
