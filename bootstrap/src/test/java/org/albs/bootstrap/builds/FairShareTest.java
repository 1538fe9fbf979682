package org.albs.bootstrap.builds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** A big build of one user does not starve a small build of another (ALBS build-system#296, Copr#2883). */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class FairShareTest extends EmptyQueueTest {

    @Test
    void aOneRefBuildOfUserBIsDispatchedWithinTheFirstFiveClaimsAfterA1000TaskBuildOfUserA() {
        Api.ServiceUser a = Api.createServiceUser("user-a");
        Api.ServiceUser b = Api.createServiceUser("user-b");
        String[] refs = new String[500];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = "https://git.almalinux.org/rpms/big-" + i + ".git";
        }
        JsonPath big = Node.createBuild(a.token(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), true, refs));
        assertThat(big.getList("tasks")).hasSize(1000);
        JsonPath small = Node.createBuild(b.token(), Node.buildBody("AlmaLinux-8", List.of("x86_64"), true,
                "https://git.almalinux.org/rpms/small.git"));
        long smallSrc = small.getLong("tasks[0].id");

        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(Node.create("fair-node"));
        }
        List<Long> claims = new ArrayList<>();
        Map<Long, Long> builds = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            JsonPath task = nodes.get(i % 4).getTask(Node.X86_WITH_SRC);
            claims.add(task.getLong("id"));
            builds.put(task.getLong("id"), task.getLong("build_id"));
        }
        assertThat(claims).contains(smallSrc);
        assertThat(claims.indexOf(smallSrc)).as("B gets the second claim: A has one in flight, B none").isEqualTo(1);
        // FIFO within A
        List<Long> aClaims = claims.stream().filter(id -> id != smallSrc).toList();
        assertThat(aClaims).isSorted();
        assertThat(aClaims.get(0)).isEqualTo(big.getLong("tasks[0].id"));
    }
}
