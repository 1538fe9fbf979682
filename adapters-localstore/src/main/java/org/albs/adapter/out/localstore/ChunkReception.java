package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;

/**
 * One {@code PUT /pulp/api/v3/uploads/<id>/}: the {@code file} part of a multipart body streamed to its offset in
 * the upload's file. Bytes are gathered into blocks of {@link #BLOCK}, written in order on worker threads; the part
 * is paused while a block waits for the disk, so a chunk holds about two blocks whatever its size (the node sends
 * 8 MiB, the sign node up to 50 MiB). Blocks stay under half a G1 region at small heaps (no humongous objects). Nothing is recorded unless the whole part arrived and matched its Content-Range;
 * a client that goes away mid-chunk leaves only unrecorded bytes, which its retry overwrites.
 *
 * <p>All callbacks but {@link #store} run on the request's event loop, so the flags need no locking.
 */
final class ChunkReception {
    static final int BLOCK = 256 * 1024;
    /**
     * Blocks of one chunk waiting for the disk before the part is paused. More than one showed no gain in an
     * interleaved A/B (8 against 1, 512 MiB, bench/README.md), so a chunk holds one block and the one gathering.
     */
    private static final int MAX_QUEUED = 1;
    private static final long PART_END_GRACE_MS = 30_000;

    /** How the request ended: 200, or an error status with its detail. */
    record Outcome(int status, String detail) {
    }

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final StagedUpload upload;
    private final StagedUpload.Reservation reservation;
    private final Clock clock;
    private final Consumer<Outcome> finish;
    private ByteBuffer compareBuffer;

    /** The block being gathered; allocated when bytes come, so a finished chunk holds none. */
    private byte[] pending;
    private int pendingLength;
    private long partEndTimer = -1;
    private long next;
    private HttpServerFileUpload part;
    private int queued;
    private Future<Void> writes = Future.succeededFuture();
    private boolean partEnded;
    private boolean recorded;
    private boolean requestEnded;
    private boolean settled;
    private Outcome failure;
    private boolean answered;

    ChunkReception(Vertx vertx, HttpServerRequest request, StagedUpload upload, StagedUpload.Reservation reservation,
                   Clock clock, Consumer<Outcome> finish) {
        this.vertx = vertx;
        this.request = request;
        this.upload = upload;
        this.reservation = reservation;
        this.clock = clock;
        this.finish = finish;
        this.next = reservation.start;
    }

    void start() {
        request.setExpectMultipart(true);
        request.exceptionHandler(this::broken);
        request.response().closeHandler(v -> broken(new IOException("the connection closed")));
        request.uploadHandler(this::onPart);
        request.endHandler(v -> {
            requestEnded = true;
            if (failure == null && part == null) {
                fail(400, "No file was submitted: the chunk must be the multipart part named 'file'.");
            } else if (!partEnded) {
                // the part's end may still sit behind a paused block; a body that really stops inside the part
                // (no closing boundary) is refused rather than left hanging
                partEndTimer = vertx.setTimer(PART_END_GRACE_MS, t -> {
                    if (!partEnded) {
                        fail(400, "The multipart body ended inside the 'file' part.");
                    }
                });
            }
            answerIfDone();
        });
        request.resume();
    }

    private void onPart(HttpServerFileUpload received) {
        if (part != null || failure != null || !"file".equals(received.name())) {
            // a second file part, or one under another name: read past it
            received.handler(b -> { });
            if (part != null && failure == null && "file".equals(received.name())) {
                fail(400, "More than one 'file' part in one chunk.");
            }
            return;
        }
        part = received;
        received.exceptionHandler(this::broken);
        received.handler(this::onData);
        received.endHandler(v -> {
            partEnded = true;
            if (partEndTimer >= 0) {
                vertx.cancelTimer(partEndTimer); // the timer would hold this reception (and its blocks) for 30 s
            }
            if (failure != null) {
                return;
            }
            if (pendingLength > 0) {
                enqueue();
            }
            writes.onSuccess(done -> {
                if (failure == null) {
                    record();
                }
            });
        });
    }

    private void onData(Buffer data) {
        if (failure != null) {
            return;
        }
        if (next + pendingLength + data.length() > reservation.end) {
            fail(400, "Chunk size does not match content range: more than "
                    + (reservation.end - reservation.start) + " bytes.");
            return;
        }
        for (int at = 0; at < data.length(); ) {
            if (pending == null) {
                pending = new byte[BLOCK];
            }
            int take = Math.min(data.length() - at, BLOCK - pendingLength);
            data.getBytes(at, at + take, pending, pendingLength);
            pendingLength += take;
            at += take;
            if (pendingLength == BLOCK) {
                enqueue();
            }
        }
    }

    /**
     * Queues the gathered block for writing behind the blocks before it (one chunk's writes stay in order, for the
     * digest and the comparisons); the part is paused while {@link #MAX_QUEUED} blocks wait.
     */
    private void enqueue() {
        ByteBuffer block = ByteBuffer.wrap(pending, 0, pendingLength);
        long at = next;
        next += pendingLength;
        pending = null;
        pendingLength = 0;
        queued++;
        if (queued >= MAX_QUEUED) {
            part.pause();
        }
        writes = writes.compose(v -> failure != null ? Future.succeededFuture()
                : vertx.executeBlocking(() -> {
                    store(block, at);
                    return null;
                }, false));
        writes.onComplete(done -> {
            queued--;
            if (done.failed()) {
                fail(PulpUploadProtocol.statusOf(done.cause()), PulpUploadProtocol.detailOf(done.cause()));
            }
            if (failure != null) {
                if (queued == 0) {
                    settle();
                }
                answerIfDone();
            } else if (!partEnded && queued < MAX_QUEUED) {
                part.resume();
            }
        });
    }

    /**
     * Worker thread: writes the block at its offset, except over bytes received before, which are compared and must
     * be equal. The digest copy (if this chunk extends the hashed prefix) takes the block as it goes.
     */
    private void store(ByteBuffer bytes, long at) throws IOException {
        FileChannel file = upload.channel();
        long end = at + bytes.remaining();
        long cursor = at;
        for (long[] have : upload.receivedWithin(at, end)) {
            write(file, bytes, at, cursor, have[0]);
            compare(file, bytes, at, have[0], have[1]);
            cursor = have[1];
        }
        write(file, bytes, at, cursor, end);
        if (reservation.digest != null) {
            reservation.digest.update(bytes.duplicate());
        }
        upload.touch(clock.instant());
    }

    private static void write(FileChannel file, ByteBuffer bytes, long base, long from, long to) throws IOException {
        ByteBuffer slice = bytes.duplicate();
        slice.position((int) (from - base)).limit((int) (to - base));
        long at = from;
        while (slice.hasRemaining()) {
            at += file.write(slice, at);
        }
    }

    private void compare(FileChannel file, ByteBuffer bytes, long base, long from, long to) throws IOException {
        ByteBuffer mine = bytes.duplicate();
        mine.position((int) (from - base)).limit((int) (to - base));
        if (compareBuffer == null) {
            compareBuffer = ByteBuffer.allocate(BLOCK); // only overlapping chunks compare
        }
        ByteBuffer stored = compareBuffer.clear().limit((int) (to - from));
        long at = from;
        while (stored.hasRemaining()) {
            int n = file.read(stored, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        stored.flip();
        if (!stored.equals(mine)) {
            throw new StagedUpload.Refusal(409, "Bytes " + from + "-" + (to - 1) + " differ from the bytes received"
                    + " for them before; received bytes are never overwritten.");
        }
    }

    private void record() {
        if (next != reservation.end) {
            fail(400, "Chunk size does not match content range: " + (next - reservation.start) + " bytes for "
                    + (reservation.end - reservation.start) + ".");
            return;
        }
        settled = true;
        upload.complete(reservation, clock.instant());
        recorded = true;
        answerIfDone();
    }

    private void fail(int status, String detail) {
        if (failure != null) {
            return;
        }
        failure = new Outcome(status, detail);
        if (queued == 0) {
            settle();
        }
        if (part != null) {
            // read the rest of the body into nothing, so the client can read the answer
            part.handler(b -> { });
            part.resume();
        }
        answerIfDone();
    }

    /** The body broke off (client gone, or a malformed multipart body): nothing of this chunk is recorded. */
    private void broken(Throwable cause) {
        if (failure == null) {
            failure = new Outcome(400, "The chunk broke off before its end: " + cause.getMessage());
        }
        if (queued == 0) {
            settle();
        }
        if (!answered) {
            answered = true;
            finish.accept(failure);
        }
    }

    /** Gives the reservation back, once no write of this chunk can still land. */
    private void settle() {
        if (!settled) {
            settled = true;
            upload.release(reservation);
        }
    }

    private void answerIfDone() {
        if (answered || !requestEnded) {
            return;
        }
        if (failure != null) {
            answered = true;
            finish.accept(failure);
        } else if (recorded) {
            answered = true;
            finish.accept(new Outcome(200, null));
        }
    }
}
