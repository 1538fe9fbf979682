package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Content-addressed files of the embedded store: each file once, at {@code blobs/<sha[0:2]>/<sha256>} under the
 * store's root, read-only. A blob is what Pulp calls an artifact: its id is the first 128 bits of its sha256 written
 * as a UUID, so finding an artifact by id or by checksum needs no index. Repositories hold hard links to blobs; a
 * blob with no link but its own is referenced by nothing.
 *
 * <p>Files enter only through {@link #adopt}, an atomic rename from {@link #stagingDir()} (same file system), so a
 * blob is complete or absent, never partial.
 */
public final class Blobs {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ARTIFACT_HREF =
            Pattern.compile("/pulp/api/v3/artifacts/([0-9a-fA-F-]{36})/");
    static final String ARTIFACTS = "/pulp/api/v3/artifacts/";

    /** One stored file: its checksum, size and where it is. */
    public record Blob(String sha256, long size, Path file) {
        /** Pulp's artifact id of this blob: the checksum's first 128 bits. */
        public UUID artifactId() {
            return idOf(sha256);
        }

        /** The blob as a Pulp artifact href, {@code /pulp/api/v3/artifacts/<uuid>/}. */
        public String artifactHref() {
            return ARTIFACTS + artifactId() + "/";
        }

        /** When it was stored. */
        public Instant created() {
            try {
                return Files.getLastModifiedTime(file).toInstant();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path blobs;
    private final Path staging;

    public Blobs(Path root) {
        this.blobs = root.resolve("blobs");
        this.staging = root.resolve("staging");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob directories under " + root, e);
        }
    }

    /** Where files being received are written before {@link #adopt}: on the blobs' file system. */
    public Path stagingDir() {
        return staging;
    }

    static UUID idOf(String sha256) {
        return new UUID(Long.parseUnsignedLong(sha256.substring(0, 16), 16),
                Long.parseUnsignedLong(sha256.substring(16, 32), 16));
    }

    /** Whether this is a sha256 as the store writes it (64 lower-case hex digits). */
    public static boolean isSha256(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    public Optional<Blob> find(String sha256) {
        if (sha256 == null) {
            return Optional.empty();
        }
        String sha = sha256.toLowerCase(Locale.ROOT);
        if (!isSha256(sha)) {
            return Optional.empty();
        }
        return blob(pathOf(sha), sha);
    }

    /** The blob with this artifact id, if any. */
    public Optional<Blob> findByArtifactId(UUID id) {
        String prefix = String.format("%016x%016x", id.getMostSignificantBits(), id.getLeastSignificantBits());
        Path dir = blobs.resolve(prefix.substring(0, 2));
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (isSha256(name)) {
                    return blob(file, name);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blob of a Pulp artifact href ({@code /pulp/api/v3/artifacts/<uuid>/}, with or without scheme and host). */
    public Optional<Blob> findByArtifactHref(String href) {
        if (href == null) {
            return Optional.empty();
        }
        var m = ARTIFACT_HREF.matcher(href);
        if (!m.find() || !href.endsWith(m.group())) {
            return Optional.empty();
        }
        try {
            return findByArtifactId(UUID.fromString(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes a completely received file whose sha256 the caller computed while it arrived: renames it into place
     * (read-only) or, when the blob exists already, deletes it. Either way the file is gone afterwards.
     */
    public Blob adopt(Path received, String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        Path target = pathOf(sha256);
        try {
            Optional<Blob> existing = blob(target, sha256);
            if (existing.isPresent()) {
                Files.deleteIfExists(received);
                return existing.get();
            }
            Files.createDirectories(target.getParent());
            Files.setPosixFilePermissions(received, PosixFilePermissions.fromString("r--r--r--"));
            try {
                Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("the staging directory must be on the blobs' file system", e);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(received);
            }
            return blob(target, sha256).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + sha256, e);
        }
    }

    /** Removes the blob if nothing but the store links to it (no repository holds it); true if it is gone. */
    public boolean removeIfUnreferenced(String sha256) {
        Path file = pathOf(sha256);
        try {
            if ((Integer) Files.getAttribute(file, "unix:nlink") > 1) {
                return false;
            }
            Files.deleteIfExists(file);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sha256 of a file, read from disk in blocks. */
    public static String sha256Of(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path pathOf(String sha256) {
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static Optional<Blob> blob(Path file, String sha256) {
        try {
            return Optional.of(new Blob(sha256, Files.size(file), file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
