package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The part of Pulp 3's REST API that the build node and the sign node use to upload files (through
 * {@code pulpcore-client} 3.67), served over the embedded store, so an unchanged node pointed at this server as its
 * {@code pulp_host} uploads here:
 * <pre>
 *   GET    /pulp/api/v3/artifacts/?sha256=&lt;sha&gt;     lookup (paginated list of 0 or 1)
 *   GET    /pulp/api/v3/artifacts/&lt;id&gt;/
 *   POST   /pulp/api/v3/uploads/ {"size": n}          201 upload
 *   GET    /pulp/api/v3/uploads/&lt;id&gt;/                 upload with the chunks received
 *   PUT    /pulp/api/v3/uploads/&lt;id&gt;/                 multipart "file" + Content-Range: bytes a-b/n
 *   DELETE /pulp/api/v3/uploads/&lt;id&gt;/
 *   POST   /pulp/api/v3/uploads/&lt;id&gt;/commit/ {"sha256"} 202 {"task": href}
 *   GET    /pulp/api/v3/tasks/&lt;id&gt;/
 * </pre>
 * Bodies are streamed: chunks go to their offsets in a sparse file under {@link Blobs#stagingDir()}, the sha256
 * grows as bytes arrive in order (and catches up from disk when a gap is filled), and a commit whose checksum
 * matches hands the file to {@link Blobs#adopt}. A commit runs at once and answers a task that has already
 * finished; task records are small JSON files beside the blobs, so a poll after a restart still answers.
 *
 * <p>Not served: Pulp's optional per-chunk {@code sha256} form field (the nodes do not send it; the whole file's
 * checksum is checked at commit), listing uploads, and artifact listings without {@code ?sha256=} (400).
 *
 * <p>A second commit of a committed upload answers the same task when it names the same sha256 (a client retrying
 * a commit whose answer it lost gets what it asked for) and 409 otherwise. Pulp itself deletes an upload when its
 * commit succeeds (a second commit is a 404) and keeps it when the commit fails; here a failed commit keeps no
 * bytes either ("nothing kept"), only the record.
 */
public final class PulpUploadProtocol {
    /**
     * Before every other route. Quarkus refuses bodies over {@code quarkus.http.limits.max-body-size} in a route of
     * order -2 (and adapters-rest's BodyLimit in one of order MIN_VALUE, registered by a CDI observer); a body
     * handler, if any extension installs one, buffers bodies at MIN_VALUE + 1. These routes have their own limit (the
     * declared upload size) and must see the body unread, so they take MIN_VALUE and must be mounted before any
     * catch-all route of that order (Vert.x keeps routes of equal order in the order they were added).
     */
    public static final int ROUTE_ORDER = Integer.MIN_VALUE;

    private static final Logger LOG = Logger.getLogger(PulpUploadProtocol.class.getName());
    private static final Pattern CONTENT_RANGE = Pattern.compile("^bytes (\\d{1,19})-(\\d{1,19})/(\\d{1,19}|\\*)$");
    private static final int MAX_JSON_BODY = 64 * 1024;
    /** An error's body is read and dropped up to this much (so the client sees the answer), then the line is cut. */
    private static final long MAX_DRAIN = 64L << 20;

    private final Vertx vertx;
    private final Blobs blobs;
    private final UploadSettings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final PulpObjects objects = new PulpObjects(json);
    private final Path uploadsDir;
    private final Path tasksDir;
    private final byte[] credentials;
    private final Map<UUID, StagedUpload> uploads = new ConcurrentHashMap<>();

    public PulpUploadProtocol(Vertx vertx, Blobs blobs, UploadSettings settings, Clock clock) {
        this.vertx = vertx;
        this.blobs = blobs;
        this.settings = settings;
        this.clock = clock;
        this.uploadsDir = blobs.stagingDir().resolve("uploads");
        this.tasksDir = blobs.stagingDir().resolveSibling("pulp-tasks");
        this.credentials = sha256((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(uploadsDir);
            Files.createDirectories(tasksDir);
            loadUploads();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploads under " + uploadsDir, e);
        }
    }

    /** Registers the routes on the router, at {@link #ROUTE_ORDER}. */
    public void mount(Router router) {
        route(router, HttpMethod.GET, PulpObjects.ARTIFACTS, this::listArtifacts);
        route(router, HttpMethod.GET, PulpObjects.ARTIFACTS + ":id/", this::readArtifact);
        route(router, HttpMethod.POST, PulpObjects.UPLOADS, this::createUpload);
        route(router, HttpMethod.GET, PulpObjects.UPLOADS + ":id/", this::readUpload);
        route(router, HttpMethod.PUT, PulpObjects.UPLOADS + ":id/", this::receiveChunk);
        route(router, HttpMethod.DELETE, PulpObjects.UPLOADS + ":id/", this::deleteUpload);
        route(router, HttpMethod.POST, PulpObjects.UPLOADS + ":id/commit/", this::commit);
        route(router, HttpMethod.GET, PulpObjects.TASKS + ":id/", this::readTask);
    }

    /**
     * Deletes the uploads nobody touched for longer than {@link UploadSettings#abandonAfter()}: their files and their
     * records (committed uploads' records too; their tasks stay). Blocks on file I/O: call it off the event loop.
     *
     * @return how many uploads were removed
     */
    public int removeAbandoned() {
        Instant before = clock.instant().minus(settings.abandonAfter());
        int removed = 0;
        for (StagedUpload upload : List.copyOf(uploads.values())) {
            if (!upload.busy() && upload.touched().isBefore(before)) {
                try {
                    upload.delete();
                    uploads.remove(upload.id, upload);
                    removed++;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot remove abandoned upload " + upload.id, e);
                }
            }
        }
        return removed;
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    private void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
        router.route(method, path).order(ROUTE_ORDER).handler(ctx -> {
            if (!authorized(ctx.request())) {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"api\"");
                refuse(ctx, 401, ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                        ? "Authentication credentials were not provided."
                        : "Invalid username/password.");
                return;
            }
            try {
                handler.handle(ctx);
            } catch (StagedUpload.Refusal e) {
                refuse(ctx, e.status, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Pulp upload route " + method + " " + path + " failed", e);
                refuse(ctx, 500, "Internal error: " + e);
            }
        });
    }

    private void listArtifacts(RoutingContext ctx) {
        String sha256 = ctx.request().getParam("sha256");
        if (sha256 == null) {
            refuse(ctx, 400, "Only lookups by checksum are served here: GET " + PulpObjects.ARTIFACTS + "?sha256=…");
            return;
        }
        afterBody(ctx, () -> blocking(ctx, () -> {
            List<ObjectNode> found = new ArrayList<>();
            blobs.find(sha256).ifPresent(blob -> found.add(objects.artifact(blob)));
            return objects.page(found);
        }, 200));
    }

    private void readArtifact(RoutingContext ctx) {
        UUID id = idParam(ctx);
        afterBody(ctx, () -> blocking(ctx, () -> blobs.findByArtifactId(id).map(objects::artifact)
                .orElseThrow(PulpUploadProtocol::notFound), 200));
    }

    private void createUpload(RoutingContext ctx) {
        readJson(ctx, body -> {
            JsonNode size = body.get("size");
            long declared;
            if (size != null && size.isIntegralNumber() && size.canConvertToLong()) {
                declared = size.asLong();
            } else if (size != null && size.isTextual() && size.asText().matches("\\d{1,18}")) {
                declared = Long.parseLong(size.asText());
            } else {
                refuse(ctx, 400, "size: a valid integer is required.");
                return;
            }
            if (declared <= 0) {
                refuse(ctx, 400, "size: the upload must announce a positive number of bytes, not " + declared + ".");
                return;
            }
            if (declared > settings.maxFileSize()) {
                refuse(ctx, 413, "size: " + declared + " bytes is more than this store accepts per file ("
                        + settings.maxFileSize() + " bytes).");
                return;
            }
            blocking(ctx, () -> {
                StagedUpload upload = StagedUpload.create(UUID.randomUUID(), declared, clock.instant(), uploadsDir,
                        json);
                uploads.put(upload.id, upload);
                return objects.upload(upload, false);
            }, 201);
        });
    }

    private void readUpload(RoutingContext ctx) {
        StagedUpload upload = upload(ctx);
        afterBody(ctx, () -> send(ctx, 200, objects.upload(upload, true)));
    }

    private void deleteUpload(RoutingContext ctx) {
        StagedUpload upload = upload(ctx);
        if (upload.busy()) {
            refuse(ctx, 409, "This upload is receiving chunks or being committed.");
            return;
        }
        afterBody(ctx, () -> vertx.executeBlocking(() -> {
            upload.delete();
            uploads.remove(upload.id, upload);
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(204).end();
            } else {
                refuse(ctx, statusOf(done.cause()), detailOf(done.cause()));
            }
        }));
    }

    private void receiveChunk(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        StagedUpload upload = upload(ctx);
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            refuse(ctx, 415, "Unsupported media type \"" + contentType + "\" in request: a chunk is multipart/form-data"
                    + " with a 'file' part.");
            return;
        }
        Matcher range = CONTENT_RANGE.matcher(Optional.ofNullable(request.getHeader("Content-Range")).orElse(""));
        if (!range.matches()) {
            refuse(ctx, 400, "Invalid or missing content range header: expected 'Content-Range: bytes a-b/n'.");
            return;
        }
        long start;
        long last;
        try {
            start = Long.parseLong(range.group(1));
            last = Long.parseLong(range.group(2));
        } catch (NumberFormatException e) {
            refuse(ctx, 400, "Invalid content range header: the positions do not fit in 64 bits.");
            return;
        }
        if (last < start) {
            refuse(ctx, 400, "Invalid content range header: the last byte comes before the first.");
            return;
        }
        if (last > upload.size - 1) {
            refuse(ctx, 400, "End byte is greater than upload size: bytes " + start + "-" + last + " of an upload of "
                    + upload.size + " bytes.");
            return;
        }
        if (!"*".equals(range.group(3)) && !range.group(3).equals(Long.toString(upload.size))) {
            refuse(ctx, 400, "Content range total " + range.group(3) + " is not this upload's size " + upload.size
                    + ".");
            return;
        }
        StagedUpload.Reservation reservation = upload.reserve(start, last + 1, clock.instant());
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        new ChunkReception(vertx, request, upload, reservation, clock, outcome -> {
            if (outcome.status() != 200) {
                send(ctx, outcome.status(), objects.detail(outcome.detail()));
                return;
            }
            vertx.executeBlocking(() -> {
                upload.persist(json);
                return null;
            }, false).onComplete(done -> {
                if (done.failed()) {
                    // the bytes are in; only the record of them is not: a restart would ask for them again
                    LOG.log(Level.WARNING, "cannot record the state of upload " + upload.id, done.cause());
                }
                send(ctx, 200, objects.upload(upload, false));
                vertx.executeBlocking(() -> {
                    upload.catchUp();
                    return null;
                }, false).onFailure(e -> LOG.log(Level.FINE, "catch-up of upload " + upload.id + " stopped", e));
            });
        }).start();
    }

    private void commit(RoutingContext ctx) {
        StagedUpload upload = upload(ctx);
        readJson(ctx, body -> {
            String sha256 = body.path("sha256").asText("").trim().toLowerCase(Locale.ROOT);
            if (!Blobs.isSha256(sha256)) {
                refuse(ctx, 400, "sha256: 64 hexadecimal digits are required.");
                return;
            }
            UUID done = upload.task();
            if (done != null) {
                if (sha256.equals(upload.committedSha256())) {
                    send(ctx, 202, objects.asyncOperation(done));
                } else {
                    refuse(ctx, 409, "This upload was committed already with sha256 " + upload.committedSha256()
                            + " (task " + PulpObjects.taskHref(done) + ").");
                }
                return;
            }
            try {
                upload.beginCommit();
            } catch (StagedUpload.Refusal e) {
                refuse(ctx, e.status, e.getMessage());
                return;
            }
            blocking(ctx, () -> finishCommit(upload, sha256), 202);
        });
    }

    private void readTask(RoutingContext ctx) {
        UUID id = idParam(ctx);
        afterBody(ctx, () -> vertx.fileSystem().readFile(tasksDir.resolve(id + ".json").toString())
                .onComplete(read -> {
                    if (read.succeeded()) {
                        ctx.response().setStatusCode(200)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(read.result());
                    } else {
                        refuse(ctx, 404, "Not found.");
                    }
                }));
    }

    // ---- commit ---------------------------------------------------------------------------------------------------

    /** Worker thread: checks the checksum, adopts the file, writes the task; the upload is finished either way. */
    private ObjectNode finishCommit(StagedUpload upload, String sha256) throws Exception {
        Instant started = clock.instant();
        UUID task = UUID.randomUUID();
        String computed;
        try {
            computed = upload.finishDigest();
        } catch (Exception e) {
            upload.abortCommit();
            throw e;
        }
        String artifactHref = null;
        String failure = null;
        if (computed.equals(sha256)) {
            Path file;
            try {
                file = upload.releaseFileForAdoption();
            } catch (IOException e) {
                upload.abortCommit();
                throw e;
            }
            try {
                artifactHref = blobs.adopt(file, sha256).artifactHref();
            } catch (RuntimeException e) {
                upload.abortCommit();
                throw e;
            }
        } else {
            failure = "The sha256 checksum did not match: the " + upload.size + " bytes received have sha256 "
                    + computed + ", the commit names " + sha256 + ".";
        }
        ObjectNode record = objects.commitTask(task, upload.id, started, clock.instant(), artifactHref, failure);
        try {
            writeTask(task, record);
        } catch (IOException e) {
            // without its task the commit cannot be answered; the artifact (if any) stays findable by checksum
            upload.committed(sha256, task, clock.instant());
            upload.delete();
            uploads.remove(upload.id, upload);
            throw e;
        }
        upload.committed(sha256, task, clock.instant());
        upload.persist(json);
        return objects.asyncOperation(task);
    }

    private void writeTask(UUID task, ObjectNode record) throws IOException {
        Path target = tasksDir.resolve(task + ".json");
        Path next = tasksDir.resolve(task + ".json.next");
        Files.write(next, json.writeValueAsBytes(record));
        Files.move(next, target, StandardCopyOption.ATOMIC_MOVE);
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private void loadUploads() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploadsDir, "*.json")) {
            for (Path file : files) {
                StagedUpload upload;
                try {
                    upload = StagedUpload.load(file, json);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "ignoring unreadable upload record " + file, e);
                    continue;
                }
                if (upload == null) {
                    continue;
                }
                if (upload.task() == null && !Files.exists(uploadsDir.resolve(upload.id + ".part"))) {
                    // its bytes were adopted (or lost) just before a crash: nothing left to receive into
                    upload.delete();
                    continue;
                }
                uploads.put(upload.id, upload);
            }
        }
    }

    private boolean authorized(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // digests of equal length: the comparison takes the same time whatever the password's length or prefix
        return MessageDigest.isEqual(sha256(given), credentials);
    }

    private static byte[] sha256(byte[] bytes) {
        return Blobs.newDigest().digest(bytes);
    }

    private StagedUpload upload(RoutingContext ctx) {
        StagedUpload upload = uploads.get(idParam(ctx));
        if (upload == null) {
            throw notFound();
        }
        return upload;
    }

    private static UUID idParam(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static StagedUpload.Refusal notFound() {
        return new StagedUpload.Refusal(404, "Not found.");
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private void blocking(RoutingContext ctx, Work<ObjectNode> work, int status) {
        vertx.executeBlocking(work::run, false).onComplete(done -> {
            if (done.succeeded()) {
                send(ctx, status, done.result());
            } else {
                if (statusOf(done.cause()) >= 500) {
                    LOG.log(Level.WARNING, "Pulp upload route failed", done.cause());
                }
                refuse(ctx, statusOf(done.cause()), detailOf(done.cause()));
            }
        });
    }

    /** Reads a small JSON object body, then hands it on; anything else is answered here. */
    private void readJson(RoutingContext ctx, Consumer<JsonNode> then) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_JSON_BODY) {
                tooLarge[0] = true;
                sendAndClose(ctx, 413, objects.detail("Request body too large: at most " + MAX_JSON_BODY + " bytes."));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> { });
        request.endHandler(v -> {
            if (tooLarge[0]) {
                return;
            }
            JsonNode node;
            try {
                node = body.length() == 0 ? json.createObjectNode() : json.readTree(body.getBytes());
            } catch (JsonProcessingException e) {
                send(ctx, 400, objects.detail("JSON parse error - " + e.getOriginalMessage()));
                return;
            } catch (IOException e) {
                send(ctx, 400, objects.detail("JSON parse error - " + e.getMessage()));
                return;
            }
            if (node == null || !node.isObject()) {
                send(ctx, 400, objects.detail("Invalid data. Expected a dictionary."));
                return;
            }
            try {
                then.accept(node);
            } catch (StagedUpload.Refusal e) {
                send(ctx, e.status, objects.detail(e.getMessage()));
            }
        });
        request.resume();
    }

    /** Runs {@code then} once the request's body (normally none) has been read and dropped. */
    private void afterBody(RoutingContext ctx, Runnable then) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            then.run();
            return;
        }
        request.handler(chunk -> { });
        request.exceptionHandler(e -> { });
        request.endHandler(v -> then.run());
        request.resume();
    }

    /** Answers an error with Pulp's {@code {"detail": …}}, after reading past the body the client still sends. */
    private void refuse(RoutingContext ctx, int status, String detail) {
        ObjectNode body = objects.detail(detail);
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            send(ctx, status, body);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // the client waits for our word before it sends the body: the answer is the word, and the line is cut
            sendAndClose(ctx, status, body);
            return;
        }
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > MAX_DRAIN) {
                sendAndClose(ctx, status, body);
            }
        });
        request.exceptionHandler(e -> { });
        request.endHandler(v -> send(ctx, status, body));
        request.resume();
    }

    private Future<Void> send(RoutingContext ctx, int status, ObjectNode body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(bytes));
    }

    /** Answers without reading the rest of the body: the connection cannot be reused, so it is closed. */
    private void sendAndClose(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(ctx, status, body).onComplete(v -> ctx.request().connection().close());
    }

    static int statusOf(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException ? failure.getCause() : failure;
        if (cause instanceof StagedUpload.Refusal refusal) {
            return refusal.status;
        }
        if (cause instanceof IOException && outOfSpace(cause)) {
            return 507;
        }
        if (cause instanceof NoSuchFileException) {
            return 404;
        }
        return 500;
    }

    static String detailOf(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException ? failure.getCause() : failure;
        if (cause instanceof StagedUpload.Refusal) {
            return cause.getMessage();
        }
        if (cause instanceof IOException && outOfSpace(cause)) {
            return "Insufficient storage: the store's disk is full (" + cause.getMessage() + "); nothing of this"
                    + " request was kept.";
        }
        if (cause instanceof NoSuchFileException) {
            return "Not found.";
        }
        return "Internal error: " + cause;
    }

    private static boolean outOfSpace(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left") || message.contains("Disk quota exceeded");
    }
}
