package org.albs.bootstrap.builds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
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

/** The feed's total_builds: exact through creations, removals and compaction, and no lock shared by creations. */
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
        assertThat(count("SELECT count(*) FROM build_count")).isEqualTo(1);
        assertThat(totalBuilds()).isEqualTo(before + 2);
        assertThat(totalBuilds()).isEqualTo(count("SELECT count(*) FROM builds"));
        compactor.compact();
        assertThat(totalBuilds()).isEqualTo(before + 2);
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
        return given().when().get("/api/v1/builds/?pageNumber=1").then().statusCode(200)
                .extract().jsonPath().getLong("total_builds");
    }
}
