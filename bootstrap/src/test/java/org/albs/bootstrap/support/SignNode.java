package org.albs.bootstrap.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.albs.application.fakes.Packages;

/**
 * A simulated sign node (albs-sign-node) with its own service account and key ids, sending exactly the bodies of
 * clients.md §2.1 a–d. Its "signing" uploads a new file per package name to the suite's fake Pulp, as the real node
 * uploads the signed files, and reports them with the fingerprint of the task's key.
 */
public final class SignNode {
    public final Api.ServiceUser account;
    private final List<String> keyIds;

    private SignNode(Api.ServiceUser account, List<String> keyIds) {
        this.account = account;
        this.keyIds = keyIds;
    }

    public static SignNode create(String prefix, String... keyIds) {
        return new SignNode(Api.createServiceUser(prefix), List.of(keyIds));
    }

    /** A fresh long key id (16 hex, lower-case as a keyring might give it) and a fingerprint ending in it. */
    public static String[] newKey() {
        String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        String keyid = hex.substring(0, 16);
        return new String[] {keyid, (hex.substring(16, 40) + keyid).toUpperCase()};
    }

    /** §2.1 a. */
    public Response getSignTaskResponse() {
        return account.request().contentType(ContentType.JSON).body(Map.of("key_ids", keyIds))
                .when().post("/api/v1/sign-tasks/get_sign_task/");
    }

    /** The task handed out, or null for {@code {}}. */
    public JsonPath getSignTask() {
        Response r = getSignTaskResponse();
        r.then().statusCode(200);
        return r.asString().equals("{}") ? null : r.jsonPath();
    }

    /** §2.1 b. */
    public JsonPath getGenKeyTask() {
        Response r = account.request().contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/sign-tasks/community/get_gen_sign_key_task/");
        r.then().statusCode(200);
        return r.asString().equals("{}") ? null : r.jsonPath();
    }

    /** §2.1 c. */
    public Response complete(long taskId, Map<String, Object> body) {
        return account.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/sign-tasks/{id}/complete/", taskId);
    }

    /** §2.1 d. */
    public Response completeGenKey(long taskId, Map<String, Object> body) {
        return account.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/sign-tasks/community/{id}/complete/", taskId);
    }

    /**
     * The success body for a task, every package "signed" with {@code fingerprint}: one upload per file name (the
     * node copies the href to packages of the same name), each with a checksum of its own.
     */
    public static Map<String, Object> signed(JsonPath task, String fingerprint) {
        Map<String, String[]> uploads = new HashMap<>();
        List<Map<String, Object>> packages = new ArrayList<>();
        for (Map<String, Object> p : task.<Map<String, Object>>getList("packages")) {
            String name = (String) p.get("name");
            String[] upload = uploads.computeIfAbsent(name, n -> {
                String href = PulpStub.artifactHref();
                String sha = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
                PulpStub.shared().register(href, sha, Packages.meta(n));
                return new String[] {href, sha};
            });
            Map<String, Object> signed = new LinkedHashMap<>(p);
            signed.remove("download_url");
            signed.put("fingerprint", fingerprint);
            signed.put("sha256", upload[1]);
            signed.put("href", upload[0]);
            packages.add(signed);
        }
        return success(task.getLong("build_id"), packages);
    }

    public static Map<String, Object> success(long buildId, List<Map<String, Object>> packages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("build_id", buildId);
        body.put("success", true);
        body.put("packages", packages);
        body.put("stats", Map.of("sign_task_start_time", "2026-01-01 10:00:00.000001", "download_packages_time", 1,
                "sign_packages_time", 2, "notarization_packages_time", 0, "signature_check_packages_time", 0,
                "upload_packages_time", 1));
        return body;
    }

    public static Map<String, Object> failure(long buildId, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("build_id", buildId);
        body.put("success", false);
        body.put("error_message", message);
        return body;
    }

    /** A key made by the admin: its id. */
    public static long createKey(String keyid, String fingerprint) {
        return createKey(keyid, fingerprint, List.of());
    }

    /** A key of these platforms, made by the admin: its id. */
    public static long createKey(String keyid, String fingerprint, List<Long> platformIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform_ids", platformIds);
        body.put("name", "key " + keyid);
        body.put("description", "test key");
        body.put("keyid", keyid);
        body.put("fingerprint", fingerprint);
        body.put("public_url", "https://example.com/" + keyid + ".asc");
        return Api.asAdmin().contentType(ContentType.JSON).body(body).when().post("/api/v1/sign-keys/new/")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long createSignTask(long build, long key) {
        return Api.asAdmin().contentType(ContentType.JSON).body(Map.of("build_id", build, "sign_key_id", key))
                .when().post("/api/v1/sign-tasks/").then().statusCode(200).extract().jsonPath().getLong("id");
    }

    public static JsonPath signTask(long build) {
        return Api.asAdmin().queryParam("build_id", build).when().get("/api/v1/sign-tasks/").then().statusCode(200)
                .extract().jsonPath();
    }
}
