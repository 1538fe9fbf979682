package org.albs.bootstrap.builds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.adapter.out.persistence.BuildCountCompactor;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The feed's total_builds, whole and by owner, signed and released: exact through creations, signing, releasing,
 * removals and compaction, and no lock shared by creations.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class BuildCountTest extends EmptyQueueTest {
    @Inject
    BuildCountCompactor compactor;

    @Test
    void totalBuildsFollowsCreationsAndRemovalsThroughCompaction() {
        Api.ServiceUser owner = Api.createServiceUser("counted");
        long before = totalBuilds();
        long a = create(owner.token(), "a");
        create(owner.token(), "b");
        create(owner.token(), "c");
        assertThat(totalBuilds()).isEqualTo(before + 3);
        owner.request().when().delete("/api/v1/builds/{id}/remove", a).then().statusCode(204);
        assertThat(totalBuilds()).isEqualTo(before + 2);

        compactor.compact();
        // one row per (owner, signed, released) that has builds
        assertThat(count("SELECT count(*) FROM build_count"))
                .isEqualTo(count("SELECT count(*) FROM (SELECT DISTINCT owner_id, signed, released FROM builds) k"));
        assertThat(totalBuilds()).isEqualTo(before + 2);
        assertThat(totalBuilds()).isEqualTo(count("SELECT count(*) FROM builds"));
        compactor.compact();
        assertThat(totalBuilds()).isEqualTo(before + 2);
    }

    @Test
    void totalsByOwnerSignedAndReleasedFollowSigningReleasingAndRemovalThroughCompaction() {
        Api.ServiceUser alice = Api.createServiceUser("counted-alice");
        Api.ServiceUser bob = Api.createServiceUser("counted-bob");
        long a1 = create(alice.token(), "a1");
        long a2 = create(alice.token(), "a2");
        long a3 = create(alice.token(), "a3");
        long b1 = create(bob.token(), "b1");
        assertTotalsMatchTheBuilds(alice.id(), bob.id());
        assertThat(totalBuilds(Map.of("created_by", alice.id()))).isEqualTo(3);

        sql("UPDATE builds SET signed = true WHERE id IN (" + a1 + ", " + a2 + ", " + b1 + ")");
        sql("UPDATE builds SET released = true WHERE id = " + a1);
        sql("UPDATE builds SET signed = true WHERE id = " + a2); // no change: no delta
        assertThat(totalBuilds(Map.of("created_by", alice.id(), "signed", true))).isEqualTo(2);
        assertThat(totalBuilds(Map.of("created_by", alice.id(), "signed", true, "released", true))).isEqualTo(1);
        assertThat(totalBuilds(Map.of("created_by", alice.id(), "signed", false))).isEqualTo(1);
        assertTotalsMatchTheBuilds(alice.id(), bob.id());

        compactor.compact();
        assertTotalsMatchTheBuilds(alice.id(), bob.id());
        sql("UPDATE builds SET released = false WHERE id = " + a1);
        alice.request().when().delete("/api/v1/builds/{id}/remove", a3).then().statusCode(204);
        assertThat(totalBuilds(Map.of("created_by", alice.id(), "released", true))).isZero();
        assertThat(totalBuilds(Map.of("created_by", alice.id()))).isEqualTo(2);
        assertTotalsMatchTheBuilds(alice.id(), bob.id());
        compactor.compact();
        assertTotalsMatchTheBuilds(alice.id(), bob.id());
    }

    /** Every combination of the counted filters gives what counting the builds gives. */
    private void assertTotalsMatchTheBuilds(long... owners) {
        for (Long owner : new Long[] {null, owners[0], owners[1]}) {
            for (Boolean signed : new Boolean[] {null, true, false}) {
                for (Boolean released : new Boolean[] {null, true, false}) {
                    Map<String, Object> filter = new java.util.HashMap<>();
                    List<String> where = new java.util.ArrayList<>(List.of("true"));
                    if (owner != null) {
                        filter.put("created_by", owner);
                        where.add("owner_id = " + owner);
                    }
                    if (signed != null) {
                        filter.put("signed", signed);
                        where.add(signed ? "signed" : "NOT signed");
                    }
                    if (released != null) {
                        filter.put("released", released);
                        where.add(released ? "released" : "NOT released");
                    }
                    assertThat(totalBuilds(filter)).as("total_builds of %s", filter)
                            .isEqualTo(count("SELECT count(*) FROM builds WHERE " + String.join(" AND ", where)));
                }
            }
        }
    }

    @Test
    void aCreationStillInProgressDoesNotHoldUpAnother() throws Exception {
        Api.ServiceUser owner = Api.createServiceUser("concurrent-creator");
        long before = totalBuilds();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // another creation's transaction, between its build row and its commit
            s.executeUpdate("INSERT INTO builds (created_at, owner_id, open_tasks) VALUES (now(), " + owner.id()
                    + ", 0)");
            CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> create(owner.token(), "other"));
            try {
                assertThat(other.get(10, TimeUnit.SECONDS)).isPositive();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        assertThat(totalBuilds()).isEqualTo(before + 1);
    }

    private static long create(String token, String name) {
        return Node.createBuild(token, Node.buildBody("AlmaLinux-8", List.of("x86_64"), false,
                "https://git.almalinux.org/rpms/" + name + ".git")).getLong("id");
    }

    private static long totalBuilds() {
        return totalBuilds(Map.of());
    }

    private static long totalBuilds(Map<String, ?> filter) {
        return given().queryParam("pageNumber", 1).queryParams(filter).when().get("/api/v1/builds/").then()
                .statusCode(200).extract().jsonPath().getLong("total_builds");
    }
}
