package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Pulp upload being received: a sparse file {@code <id>.part} in the staging directory that chunks are written
 * into at their offsets, and {@code <id>.json} beside it with the declared size and the byte ranges received, so a
 * restart keeps a half-done upload. The sha256 is not persisted (a digest's state cannot be saved portably): after a
 * restart it is recomputed from the bytes on disk on the next catch-up.
 *
 * <p>Thread-safety: the small state is guarded by this object's monitor; file I/O happens outside it, on worker
 * threads. Three invariants keep parallel chunks honest:
 * <ul>
 *   <li>a byte range in flight is reserved by exactly one chunk ({@link #reserve}); received bytes are never
 *       rewritten, only compared;</li>
 *   <li>a range is recorded as received only when its whole chunk arrived and was written;</li>
 *   <li>the running digest has one owner at a time: the chunk streaming at the hash frontier (holding a clone),
 *       or a catch-up reading the now-contiguous bytes back from disk.</li>
 * </ul>
 */
final class StagedUpload {
    private static final int CATCH_UP_BLOCK = 256 * 1024;

    /** A chunk's claim on {@code [start, end)} while its bytes stream in. */
    static final class Reservation {
        final long start;
        final long end;
        /** A copy of the running digest when this chunk starts exactly where hashing stands, else null. */
        final MessageDigest digest;

        private Reservation(long start, long end, MessageDigest digest) {
            this.start = start;
            this.end = end;
            this.digest = digest;
        }
    }

    /** Why a request cannot proceed on this upload; carries the HTTP status Pulp-style callers answer with. */
    static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    final UUID id;
    final long size;
    final Instant created;
    private final Path data;
    private final Path state;
    private final Object persisting = new Object();

    private Instant touched;
    private final ByteRanges received = new ByteRanges();
    private final List<Reservation> inFlight = new ArrayList<>();
    private MessageDigest digest = Blobs.newDigest();
    private long hashed;
    private boolean frontierTaken;
    private boolean catchingUp;
    private boolean committing;
    private boolean gone;
    private String committedSha256;
    private UUID task;
    private Instant completed;
    private FileChannel channel;

    private StagedUpload(UUID id, long size, Instant created, Path dir) {
        this.id = id;
        this.size = size;
        this.created = created;
        this.touched = created;
        this.data = dir.resolve(id + ".part");
        this.state = dir.resolve(id + ".json");
    }

    static StagedUpload create(UUID id, long size, Instant now, Path dir, ObjectMapper json) {
        StagedUpload upload = new StagedUpload(id, size, now, dir);
        try {
            // sparse: chunks land at their offsets, and a full disk shows up on the write that hits it
            Files.createFile(upload.data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upload.persist(json);
        return upload;
    }

    /** An upload as its state file left it, or null if the file is not one. */
    static StagedUpload load(Path stateFile, ObjectMapper json) throws IOException {
        JsonNode node = json.readTree(stateFile.toFile());
        if (node == null || !node.hasNonNull("id") || !node.hasNonNull("size")) {
            return null;
        }
        StagedUpload upload = new StagedUpload(UUID.fromString(node.get("id").asText()), node.get("size").asLong(),
                Instant.parse(node.get("created").asText()), stateFile.getParent());
        upload.touched = Instant.parse(node.get("touched").asText());
        for (JsonNode r : node.path("received")) {
            upload.received.add(r.get(0).asLong(), r.get(1).asLong());
        }
        if (node.hasNonNull("task")) {
            upload.task = UUID.fromString(node.get("task").asText());
            upload.committedSha256 = node.get("sha256").asText();
            upload.completed = Instant.parse(node.get("completed").asText());
        }
        return upload;
    }

    // ---- chunks ---------------------------------------------------------------------------------------------------

    synchronized Reservation reserve(long start, long end, Instant now) {
        refuseIfFinished();
        for (Reservation r : inFlight) {
            if (r.start < end && start < r.end) {
                throw new Refusal(409, "Another chunk for bytes " + r.start + "-" + (r.end - 1)
                        + " of this upload is being received; retry this chunk when it is done.");
            }
        }
        MessageDigest copy = null;
        if (start == hashed && !frontierTaken && !catchingUp) {
            copy = cloneOf(digest);
            frontierTaken = true;
        }
        Reservation reservation = new Reservation(start, end, copy);
        inFlight.add(reservation);
        touched = now;
        return reservation;
    }

    /** The parts of {@code [start, end)} received already: these are compared, never written. */
    synchronized List<long[]> receivedWithin(long start, long end) {
        return received.intersect(start, end);
    }

    synchronized void touch(Instant now) {
        touched = now;
    }

    /** The whole chunk arrived and is on disk: its bytes count as received from now on. */
    synchronized void complete(Reservation r, Instant now) {
        inFlight.remove(r);
        received.add(r.start, r.end);
        if (r.digest != null) {
            frontierTaken = false;
            if (hashed == r.start) {
                digest = r.digest;
                hashed = r.end;
            }
        }
        touched = now;
        notifyAll();
    }

    /** The chunk failed or its client went away: nothing of it is recorded. */
    synchronized void release(Reservation r) {
        if (inFlight.remove(r) && r.digest != null) {
            frontierTaken = false;
        }
        notifyAll();
    }

    // ---- hashing --------------------------------------------------------------------------------------------------

    /**
     * Extends the running digest over received bytes that have become contiguous with it, reading them back from
     * disk (normally from the page cache). Returns at once if another thread owns the digest.
     */
    void catchUp() throws IOException {
        while (true) {
            long from;
            long to;
            MessageDigest owned;
            synchronized (this) {
                if (catchingUp || frontierTaken || gone) {
                    return;
                }
                from = hashed;
                to = received.contiguousEnd(hashed);
                if (to <= from) {
                    return;
                }
                catchingUp = true;
                owned = digest;
            }
            try {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CATCH_UP_BLOCK, to - from));
                FileChannel file = channel();
                for (long at = from; at < to; ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), to - at));
                    int n = file.read(buffer, at);
                    if (n < 0) {
                        throw new IOException("upload " + id + " is shorter than its received ranges");
                    }
                    owned.update(buffer.array(), 0, n);
                    at += n;
                    synchronized (this) {
                        hashed = at;
                    }
                }
            } finally {
                synchronized (this) {
                    catchingUp = false;
                    notifyAll();
                }
            }
        }
    }

    // ---- commit ---------------------------------------------------------------------------------------------------

    /** Claims the upload for its commit: every byte has arrived and no chunk is in flight. */
    synchronized void beginCommit() {
        refuseIfFinished();
        if (!inFlight.isEmpty()) {
            throw new Refusal(409, "Chunks of this upload are still being received; commit when they are done.");
        }
        List<long[]> missing = received.missing(size);
        if (!missing.isEmpty()) {
            throw new Refusal(400, "The upload is incomplete: bytes " + ByteRanges.describe(missing)
                    + " of " + size + " have not been received.");
        }
        committing = true;
    }

    /** The sha256 of the whole file, catching up over whatever is not hashed yet. Only after {@link #beginCommit}. */
    String finishDigest() throws IOException, InterruptedException {
        synchronized (this) {
            while (catchingUp) {
                wait();
            }
        }
        catchUp();
        synchronized (this) {
            if (hashed != size) {
                throw new IOException("upload " + id + " hashed " + hashed + " of " + size + " bytes");
            }
            return HexFormat.of().formatHex(cloneOf(digest).digest());
        }
    }

    /** Flushes the received file to disk and hands it over (to {@link Blobs#adopt}); the upload keeps no bytes. */
    synchronized Path releaseFileForAdoption() throws IOException {
        if (channel != null) {
            channel.force(true);
            channel.close();
            channel = null;
        }
        return data;
    }

    synchronized void committed(String sha256, UUID taskId, Instant now) {
        committing = false;
        committedSha256 = sha256;
        task = taskId;
        completed = now;
        touched = now;
        closeQuietly();
        try {
            Files.deleteIfExists(data);
        } catch (IOException e) {
            // a leftover .part of a committed upload is removed with the upload by removeAbandoned
        }
    }

    synchronized void abortCommit() {
        committing = false;
    }

    synchronized UUID task() {
        return task;
    }

    synchronized String committedSha256() {
        return committedSha256;
    }

    synchronized Instant completed() {
        return completed;
    }

    synchronized Instant touched() {
        return touched;
    }

    synchronized boolean busy() {
        return !inFlight.isEmpty() || committing || catchingUp;
    }

    synchronized List<long[]> receivedRanges() {
        return received.all();
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    synchronized FileChannel channel() throws IOException {
        if (gone || task != null) {
            throw new Refusal(404, "Not found.");
        }
        if (channel == null) {
            channel = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    /** Writes the state file (atomically: a reader sees the old or the new one). */
    void persist(ObjectMapper json) {
        synchronized (persisting) {
            ObjectNode node;
            synchronized (this) {
                if (gone) {
                    return;
                }
                node = json.createObjectNode();
                node.put("id", id.toString());
                node.put("size", size);
                node.put("created", created.toString());
                node.put("touched", touched.toString());
                ArrayNode ranges = node.putArray("received");
                for (long[] r : received.all()) {
                    ranges.addArray().add(r[0]).add(r[1]);
                }
                if (task != null) {
                    node.put("task", task.toString());
                    node.put("sha256", committedSha256);
                    node.put("completed", completed.toString());
                }
            }
            Path next = state.resolveSibling(state.getFileName() + ".next");
            try {
                Files.write(next, json.writeValueAsBytes(node));
                Files.move(next, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the state of upload " + id, e);
            }
        }
    }

    /** Deletes the upload's files; chunks still arriving are refused from now on. */
    void delete() throws IOException {
        synchronized (persisting) {
            synchronized (this) {
                gone = true;
                closeQuietly();
                notifyAll();
            }
            Files.deleteIfExists(data);
            Files.deleteIfExists(state);
            Files.deleteIfExists(state.resolveSibling(state.getFileName() + ".next"));
        }
    }

    private void refuseIfFinished() {
        if (gone) {
            throw new Refusal(404, "Not found.");
        }
        if (task != null) {
            throw new Refusal(409, "This upload was committed already (task " + task
                    + "); create a new upload to send more bytes.");
        }
        if (committing) {
            throw new Refusal(409, "This upload is being committed.");
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a channel we only read and wrote positionally loses nothing
            }
            channel = null;
        }
    }

    private static MessageDigest cloneOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }
}
