package org.albs.bootstrap.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.albs.application.artifacts.StoreJobService;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.Queue;
import org.albs.domain.identity.UserId;

/**
 * What the signing tests (and the distribution tests) share: builds made ready to sign by a build node, the store jobs
 * run on demand.
 */
public final class SignedBuilds {
    public static final String PLATFORM = "AlmaLinux-8";

    private final StoreJobService jobs;
    private final DataSource db;
    private final Node buildNode;

    public SignedBuilds(StoreJobService jobs, DataSource db) {
        this.jobs = jobs;
        this.db = db;
        this.buildNode = Node.create("builder");
    }

    /** Runs every store job until none is left (one worker, as one server instance would). */
    public int drain() {
        UserId worker = jobs.newWorker();
        int ran = 0;
        while (jobs.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    /** A build of the admin for x86_64 whose src and x86_64 tasks completed with these packages, all imported. */
    public long readyBuild(String srpm, List<String> binaries) {
        Queue.retireAllOpenTasks(db);
        Map<String, Object> body = Node.buildBody(PLATFORM, List.of("x86_64"), true,
                "https://git.almalinux.org/rpms/" + Api.unique("pkg") + ".git");
        long build = Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/builds/")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        drain();
        JsonPath src = buildNode.getTask(List.of("src", "x86_64"));
        assertThat(src.getLong("build_id")).isEqualTo(build);
        buildNode.report(src.getLong("id"), "done", List.of(Node.artifact(srpm, "rpm", 0),
                Node.artifact("albs.src.log", "build_log", 1))).then().statusCode(200);
        drain();
        JsonPath x86 = buildNode.getTask(List.of("x86_64"));
        assertThat(x86.getLong("build_id")).isEqualTo(build);
        List<Map<String, Object>> artifacts = new ArrayList<>();
        artifacts.add(Node.artifact(srpm, "rpm", 0));
        for (int i = 0; i < binaries.size(); i++) {
            artifacts.add(Node.artifact(binaries.get(i), "rpm", i + 1));
        }
        artifacts.add(Node.artifact("albs.x86.log", "build_log", 9));
        buildNode.report(x86.getLong("id"), "done", artifacts).then().statusCode(200);
        drain();
        return build;
    }

    void sql(String statement) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
