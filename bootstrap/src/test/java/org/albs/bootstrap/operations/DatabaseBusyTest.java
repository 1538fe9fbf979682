package org.albs.bootstrap.operations;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * When every pooled connection stays busy for the whole acquisition timeout, requests are answered 503 with
 * Retry-After (the build node's HTTP client retries those), never 500; and the server serves again once
 * connections come free.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class DatabaseBusyTest {
    @Inject
    AgroalDataSource db;

    @Test
    void anExhaustedPoolIsA503WithRetryAfterOnTheHotPathAndElsewhere() throws SQLException {
        Node node = Node.create("busy-node");
        int poolSize = db.getConfiguration().connectionPoolConfiguration().maxSize();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(db.getConnection());
            }
            // get_task runs on a plain JDBC transaction, the builds list on a JTA one: both must say "retry"
            expectRetryLater(node.getTaskResponse(Node.X86_WITH_SRC, List.of()));
            expectRetryLater(Api.asAdmin().when().get("/api/v1/builds/?pageNumber=1"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        node.getTaskResponse(Node.X86_WITH_SRC, List.of()).then().statusCode(200);
        Api.asAdmin().when().get("/api/v1/builds/?pageNumber=1").then().statusCode(200);
    }

    private static void expectRetryLater(Response r) {
        r.then().statusCode(503)
                .header("Retry-After", equalTo("2"))
                .contentType("application/json")
                .body("detail", containsString("retry later"));
    }
}
