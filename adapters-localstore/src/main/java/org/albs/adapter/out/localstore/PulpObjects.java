package org.albs.adapter.out.localstore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON objects of Pulp 3.67's API that the nodes' {@code pulpcore-client} reads, field for field. The generated
 * client rejects a response without a field its schema marks required (UploadResponse: size; ArtifactResponse:
 * file; TaskResponse: name, logging_cid; AsyncOperationResponse: task; Paginated*List: count, results), and reads
 * the rest as optional; every field is written anyway, as Pulp does, with null where Pulp may give null.
 * Jackson trees only: nothing here needs reflection.
 */
final class PulpObjects {
    static final String API = "/pulp/api/v3/";
    static final String UPLOADS = API + "uploads/";
    static final String TASKS = API + "tasks/";
    static final String ARTIFACTS = Blobs.ARTIFACTS;
    static final String COMMIT_TASK_NAME = "pulpcore.app.tasks.upload.commit";

    /** Pulp (Django REST framework) writes microseconds and a Z. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    PulpObjects(ObjectMapper json) {
        this.json = json;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String uploadHref(UUID id) {
        return UPLOADS + id + "/";
    }

    static String taskHref(UUID id) {
        return TASKS + id + "/";
    }

    /** UploadResponse, or UploadDetailResponse with the chunks received so far. */
    ObjectNode upload(StagedUpload upload, boolean detail) {
        ObjectNode node = json.createObjectNode();
        node.put("pulp_href", uploadHref(upload.id));
        node.put("prn", "prn:core.upload:" + upload.id);
        node.put("pulp_created", time(upload.created));
        node.put("pulp_last_updated", time(upload.touched()));
        node.put("size", upload.size);
        Instant completed = upload.completed();
        if (completed == null) {
            node.putNull("completed");
        } else {
            node.put("completed", time(completed));
        }
        if (detail) {
            ArrayNode chunks = node.putArray("chunks");
            for (long[] r : upload.receivedRanges()) {
                chunks.addObject().put("offset", r[0]).put("size", r[1] - r[0]);
            }
        }
        return node;
    }

    /** ArtifactResponse. Only sha256 is computed here; the other digests Pulp marks nullable. */
    ObjectNode artifact(Blobs.Blob blob) {
        Instant created = blob.created();
        ObjectNode node = json.createObjectNode();
        node.put("pulp_href", blob.artifactHref());
        node.put("prn", "prn:core.artifact:" + blob.artifactId());
        node.put("pulp_created", time(created));
        node.put("pulp_last_updated", time(created));
        node.put("file", "artifact/" + blob.sha256().substring(0, 2) + "/" + blob.sha256().substring(2));
        node.put("size", blob.size());
        node.putNull("md5");
        node.putNull("sha1");
        node.putNull("sha224");
        node.put("sha256", blob.sha256());
        node.putNull("sha384");
        node.putNull("sha512");
        return node;
    }

    /** PaginatedArtifactResponseList of at most one page. */
    ObjectNode page(List<ObjectNode> results) {
        ObjectNode node = json.createObjectNode();
        node.put("count", results.size());
        node.putNull("next");
        node.putNull("previous");
        node.putArray("results").addAll(results);
        return node;
    }

    /** AsyncOperationResponse. */
    ObjectNode asyncOperation(UUID task) {
        return json.createObjectNode().put("task", taskHref(task));
    }

    /**
     * TaskResponse of a commit that has run: completed with the artifact as its one created resource, or failed
     * with Pulp's error object ({@code description}, {@code traceback}) and nothing created.
     */
    ObjectNode commitTask(UUID task, UUID upload, Instant started, Instant finished, String artifactHref,
                          String failure) {
        ObjectNode node = json.createObjectNode();
        node.put("pulp_href", taskHref(task));
        node.put("prn", "prn:core.task:" + task);
        node.put("pulp_created", time(started));
        node.put("pulp_last_updated", time(finished));
        node.put("state", failure == null ? "completed" : "failed");
        node.put("name", COMMIT_TASK_NAME);
        node.put("logging_cid", task.toString().replace("-", ""));
        node.putNull("created_by");
        node.put("unblocked_at", time(started));
        node.put("started_at", time(started));
        node.put("finished_at", time(finished));
        if (failure == null) {
            node.putNull("error");
        } else {
            node.putObject("error").put("description", failure).put("traceback", "");
        }
        node.putNull("worker");
        node.putNull("parent_task");
        node.putArray("child_tasks");
        node.putNull("task_group");
        node.putArray("progress_reports");
        ArrayNode created = node.putArray("created_resources");
        if (artifactHref != null) {
            created.add(artifactHref);
        }
        node.putArray("reserved_resources_record").add(uploadHref(upload));
        return node;
    }

    /** Django REST framework's error body. */
    ObjectNode detail(String detail) {
        return json.createObjectNode().put("detail", detail);
    }
}
