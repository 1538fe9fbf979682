package org.albs.bootstrap.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.albs.application.fakes.Packages;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A simulated build node with its own service account, speaking the albs-node protocol. */
public final class Node {
    public static final List<String> X86_WITH_SRC = List.of("x86_64", "i686", "src");

    public final Api.ServiceUser account;
    /** The build of each task this node claimed. */
    private final Map<Long, Long> buildOf = new java.util.concurrent.ConcurrentHashMap<>();

    private Node(Api.ServiceUser account) {
        this.account = account;
    }

    public static Node create(String prefix) {
        return new Node(Api.createServiceUser(prefix));
    }

    public Response getTaskResponse(List<String> arches, List<String> excluded) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("supported_arches", arches);
        body.put("excluded_packages", excluded);
        return account.request().contentType(ContentType.JSON).body(body).when().post("/api/v1/build_node/get_task");
    }

    /** The task handed out, or null when the server answered JSON null. */
    public JsonPath getTask(List<String> arches) {
        Response r = getTaskResponse(arches, List.of());
        r.then().statusCode(200);
        if (r.asString().equals("null")) {
            return null;
        }
        JsonPath task = r.jsonPath();
        buildOf.put(task.getLong("id"), task.getLong("build_id"));
        return task;
    }

    /**
     * Reports the task as the real node does; when the answer is 200 and this node claimed the task, waits until
     * the build's store jobs (the import of what it reported) have ended, so the test sees the dependants released.
     */
    public Response buildDone(long taskId, String status, List<Map<String, Object>> artifacts) {
        Response r = report(taskId, status, artifacts);
        Long build = buildOf.get(taskId);
        if (r.statusCode() == 200 && build != null) {
            awaitJobs(build);
        }
        return r;
    }

    /** Reports the task and returns at once (for tests that run the store jobs themselves). */
    public Response report(long taskId, String status, List<Map<String, Object>> artifacts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", taskId);
        body.put("status", status);
        body.put("artifacts", artifacts);
        body.put("stats", Map.of("build_node_task", Map.of("start_ts", "2026-01-01 10:00:00.000001",
                "end_ts", "2026-01-01 10:05:00.000002", "delta", "0:05:00.000001")));
        body.put("is_cas_authenticated", false);
        body.put("git_commit_hash", null);
        body.put("alma_commit_cas_hash", null);
        return account.request().contentType(ContentType.JSON).body(body).when().post("/api/v1/build_node/build_done");
    }

    public Response ping(List<Long> active) {
        return account.request().contentType(ContentType.JSON).body(Map.of("active_tasks", active))
                .when().post("/api/v1/build_node/ping");
    }

    /** What the real node reports: rpms (with its extra {@code path} field) and a log. */
    public static List<Map<String, Object>> artifacts(String... rpmNames) {
        List<Map<String, Object>> list = new ArrayList<>();
        int i = 0;
        for (String name : rpmNames) {
            list.add(artifact(name, "rpm", i++));
        }
        list.add(artifact("albs." + System.nanoTime() + ".log", "build_log", i));
        return list;
    }

    /**
     * An artifact as the node reports it, uploaded first to the suite's fake Pulp as the real node uploads it (each
     * with a checksum of its own, so the store makes a unit of each).
     */
    public static Map<String, Object> artifact(String name, String type, int n) {
        Map<String, Object> a = new LinkedHashMap<>();
        String href = PulpStub.artifactHref();
        String sha = String.format("%016x", n + 1) + java.util.UUID.randomUUID().toString().replace("-", "")
                + String.format("%016x", System.nanoTime());
        PulpStub.shared().register(href, sha, type.equals("rpm") ? Packages.meta(name) : null);
        a.put("name", name);
        a.put("type", type);
        a.put("href", href);
        a.put("sha256", sha);
        a.put("path", "/srv/builder-0/" + name);
        a.put("cas_hash", type.equals("rpm") && name.endsWith(".src.rpm") ? "cas-" + name : null);
        return a;
    }

    /**
     * Creates a build as {@code token}'s user and returns its JSON once its repositories exist in the store (its
     * tasks wait for them).
     */
    public static JsonPath createBuild(String token, Object body) {
        JsonPath build = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/builds/").then().statusCode(200).extract().jsonPath();
        awaitJobs(build.getLong("id"));
        return build;
    }

    /**
     * Waits (30 s at most: on the shared, loaded test machine an import took over 10 s) until no store job of the
     * build is waiting or running.
     */
    public static void awaitJobs(long buildId) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<String> states = Api.asAdmin().queryParam("build_id", buildId).when().get("/api/v1/jobs/")
                    .then().statusCode(200).extract().jsonPath().getList("jobs.state", String.class);
            if (states.stream().noneMatch(s -> s.equals("waiting") || s.equals("running"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the store jobs of build " + buildId + " did not end: " + states);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static Map<String, Object> buildBody(String platform, List<String> arches, boolean independent,
                                                String... urls) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String url : urls) {
            tasks.add(new LinkedHashMap<>(Map.of("url", url, "git_ref", "c8", "ref_type", "git_branch")));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", platform);
        p.put("arch_list", arches);
        p.put("parallel_mode_enabled", true);
        p.put("independent_tasks", independent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platforms", List.of(p));
        body.put("tasks", tasks);
        return body;
    }

    public static JsonPath getBuild(long id) {
        return given().when().get("/api/v1/builds/{id}/", id).then().statusCode(200).extract().jsonPath();
    }
}
