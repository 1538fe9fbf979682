package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;

/**
 * The embedded artifact store: the port on a data directory, for one machine without Pulp.
 *
 * <ul>
 *   <li>{@code blobs/}: each uploaded file once, by sha256 ({@link Blobs}); an artifact handle is its Pulp-like
 *       artifact href.</li>
 *   <li>{@code units/rpm|file/<sha256>}: a content unit, the blob under the file name it was first stored as;
 *       its handle is {@code rpm:<sha256>} or {@code file:<sha256>}.</li>
 *   <li>{@code content/<base path>/}: a repository, served as is under the content URL. An RPM repository holds
 *       hard links {@code Packages/<first letter>/<file>} to the blobs and the {@code repodata/} of
 *       {@code createrepo_c} ({@link Repodata}); a log repository holds its files at the top. Its handle is its
 *       base path. {@code .albs-repository} names it, {@code .albs-content} lists its units and
 *       {@code .albs-removed} the units changes took out of it (a package replaced by its signed twin), so a deletion
 *       knows which blobs may go.</li>
 * </ul>
 *
 * <p>Every change runs while the caller waits, so each operation is over when {@code start…} returns; its handle
 * carries what it created and {@link #await} only reads it back. Every step is idempotent, so a job that repeats one
 * after a crash changes nothing twice.
 */
public final class LocalArtifactStore implements ArtifactStore {
    private static final String MARKER = ".albs-repository";
    private static final String MANIFEST = ".albs-content";
    /** Units a change took out of the repository: their blobs may go when the repository goes. */
    private static final String REMOVED = ".albs-removed";
    private static final String DONE = "done:";

    private final Blobs blobs;
    private final Path units;
    private final Path content;
    private final Path trash;
    private final String contentUrl;
    private final Repodata repodata;

    /**
     * @param root       the store's data directory
     * @param contentUrl where {@code content/} is served, e.g. {@code http://host:8080/content/}
     * @param createrepo the {@code createrepo_c} command
     * @param timeout    how long one metadata generation may take
     */
    public LocalArtifactStore(Blobs blobs, Path root, String contentUrl, String createrepo, Duration timeout) {
        this.blobs = blobs;
        this.units = root.resolve("units");
        this.content = root.resolve("content");
        this.trash = root.resolve("trash");
        this.contentUrl = contentUrl.endsWith("/") ? contentUrl : contentUrl + "/";
        this.repodata = new Repodata(createrepo, timeout);
        try {
            for (ContentKind kind : ContentKind.values()) {
                Files.createDirectories(units.resolve(kindName(kind)));
            }
            Files.createDirectories(content);
            Files.createDirectories(trash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's directories under " + root, e);
        }
    }

    /** Where the repositories are, for the routes that serve them. */
    public Path contentRoot() {
        return content;
    }

    /**
     * Finishes what a crash interrupted: metadata generations of repositories left out of date, deletions of
     * repositories moved aside. Returns the repositories whose metadata it generated.
     */
    public List<Path> recover() {
        try {
            Repodata.deleteTree(trash);
            Files.createDirectories(trash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repodata.recover(content);
    }

    // ---- repositories ----------------------------------------------------------------------------------------

    @Override
    public Optional<StoredRepository> findRepository(BuildRepository spec) {
        Path dir = dirOf(spec.basePath());
        String marker = read(dir.resolve(MARKER));
        if (marker == null || !marker.equals(markerOf(spec))) {
            return Optional.empty();
        }
        if (spec.kind() == ContentKind.RPM && !Files.exists(dir.resolve("repodata/repomd.xml"))) {
            return Optional.empty();
        }
        return Optional.of(stored(spec));
    }

    @Override
    public StoredRepository createRepository(BuildRepository spec) {
        Path dir = dirOf(spec.basePath());
        String existing = read(dir.resolve(MARKER));
        if (existing != null && !existing.equals(markerOf(spec))) {
            throw new ArtifactStoreException("the base path " + spec.basePath() + " serves another repository ("
                    + existing.lines().findFirst().orElse("") + ")", false);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure("create repository " + spec.name(), e);
        }
        repodata.locked(dir, () -> {
            write(dir.resolve(MARKER), markerOf(spec));
            if (spec.kind() == ContentKind.RPM) {
                Repodata.markStale(dir);
            }
            return null;
        });
        if (spec.kind() == ContentKind.RPM) {
            repodata.generate(dir);
        }
        return stored(spec);
    }

    @Override
    public void deleteRepository(StoredRepository repository) {
        Path dir = dirOf(repository.handle());
        if (!Files.exists(dir.resolve(MARKER))) {
            return;
        }
        Path aside = trash.resolve(UUID.randomUUID().toString());
        Set<String> held = repodata.locked(dir, () -> {
            Set<String> listed = new LinkedHashSet<>(manifest(dir).values());
            listed.addAll(removed(dir));
            try {
                Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw failure("delete repository " + repository.name(), e);
            }
            return listed;
        });
        try {
            Repodata.deleteTree(aside);
        } catch (IOException e) {
            throw failure("delete repository " + repository.name(), e);
        }
        for (String sha : held) {
            if (blobs.removeIfUnreferenced(sha)) {
                for (ContentKind kind : ContentKind.values()) {
                    delete(unitFile(kind, sha));
                }
            }
        }
    }

    @Override
    public String packageUrl(StoredRepository repository, String fileName) {
        String base = repository.baseUrl().endsWith("/") ? repository.baseUrl() : repository.baseUrl() + "/";
        return base + packagePath(fileName);
    }

    // ---- content ------------------------------------------------------------------------------------------------

    @Override
    public Optional<StoredContent> findContent(ContentKind kind, String sha256) {
        String sha = sha256.toLowerCase(Locale.ROOT);
        if (!Blobs.isSha256(sha) || read(unitFile(kind, sha)) == null || blobs.find(sha).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(describe(kind, handleOf(kind, sha)));
    }

    @Override
    public Operation startContent(ContentKind kind, String artifactHandle, String fileName) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.startsWith(".")) {
            throw new ArtifactStoreException("not a file name the store accepts: " + fileName, false);
        }
        Blobs.Blob blob = blobs.findByArtifactHref(artifactHandle).orElseThrow(() ->
                new ArtifactStoreException("the store has no artifact " + artifactHandle, false));
        String actual = Blobs.sha256Of(blob.file());
        if (!actual.equals(blob.sha256())) {
            throw new ArtifactStoreException("artifact " + artifactHandle + " is damaged on disk: its sha256 is "
                    + actual + ", stored as " + blob.sha256(), false);
        }
        if (kind == ContentKind.RPM) {
            header(blob, fileName);
        }
        Path unit = unitFile(kind, blob.sha256());
        if (read(unit) == null) {
            write(unit, fileName);
        }
        return new Operation(DONE + handleOf(kind, blob.sha256()));
    }

    @Override
    public StoredContent describe(ContentKind kind, String contentHandle) {
        String sha = shaOf(kind, contentHandle);
        Blobs.Blob blob = blobs.find(sha).orElseThrow(() ->
                new ArtifactStoreException("the store has no content " + contentHandle, false));
        String fileName = read(unitFile(kind, sha));
        if (fileName == null) {
            throw new ArtifactStoreException("the store has no content " + contentHandle, false);
        }
        return new StoredContent(contentHandle, sha, kind == ContentKind.RPM ? header(blob, fileName) : null);
    }

    private static PackageMeta header(Blobs.Blob blob, String fileName) {
        try {
            return RpmHeader.read(blob.file());
        } catch (RpmHeader.NotAPackageException e) {
            throw new ArtifactStoreException(fileName + " is not an RPM package: " + e.getMessage(), false);
        } catch (IOException e) {
            throw failure("read the header of " + fileName, e);
        }
    }

    /** The file as the repository's manifest lists it (never a path resolved from the name). */
    @Override
    public Optional<byte[]> readFile(StoredRepository repository, String fileName, int maxBytes) {
        Path dir = dirOf(repository.handle());
        String sha = manifest(dir).get(fileName);
        Optional<Blobs.Blob> blob = sha == null ? Optional.empty() : blobs.find(sha);
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(blob.get().file())) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (IOException e) {
            throw failure("read " + fileName + " of " + repository.name(), e);
        }
    }

    // ---- changes ------------------------------------------------------------------------------------------------

    @Override
    public Operation startChange(StoredRepository repository, Collection<String> add, Collection<String> remove) {
        Path dir = dirOf(repository.handle());
        ContentKind kind = kindOf(dir, repository);
        Map<String, String> adding = new LinkedHashMap<>();
        for (String handle : add) {
            String sha = shaOf(kind, handle);
            String fileName = read(unitFile(kind, sha));
            Blobs.Blob blob = blobs.find(sha).orElse(null);
            if (fileName == null || blob == null) {
                throw new ArtifactStoreException("the store has no content " + handle, false);
            }
            adding.put(kind == ContentKind.RPM ? packagePath(fileName) : fileName, sha);
        }
        List<String> removing = new ArrayList<>();
        for (String handle : remove) {
            removing.add(shaOf(kind, handle));
        }
        repodata.locked(dir, () -> {
            if (kind == ContentKind.RPM) {
                Repodata.markStale(dir);
            }
            Map<String, String> listed = manifest(dir);
            Map<String, String> all = new LinkedHashMap<>(listed);
            all.putAll(adding);
            writeManifest(dir, all);
            adding.forEach((path, sha) -> link(dir.resolve(path), blobs.find(sha).orElseThrow().file()));
            Set<String> gone = new LinkedHashSet<>(listed.values());
            all.entrySet().removeIf(e -> {
                if (removing.contains(e.getValue()) && !adding.containsKey(e.getKey())) {
                    delete(dir.resolve(e.getKey()));
                    return true;
                }
                return false;
            });
            gone.removeAll(all.values());
            if (!gone.isEmpty()) {
                Set<String> before = removed(dir);
                before.addAll(gone);
                write(dir.resolve(REMOVED), String.join("\n", before) + "\n");
            }
            writeManifest(dir, all);
            return null;
        });
        return new Operation(DONE);
    }

    @Override
    public Operation startPublication(StoredRepository repository) {
        Path dir = dirOf(repository.handle());
        if (kindOf(dir, repository) == ContentKind.RPM) {
            repodata.generate(dir);
        }
        return new Operation(DONE);
    }

    @Override
    public List<String> await(Operation operation) {
        if (!operation.handle().startsWith(DONE)) {
            throw new ArtifactStoreException("not an operation of this store: " + operation.handle(), false);
        }
        String created = operation.handle().substring(DONE.length());
        return created.isEmpty() ? List.of() : List.of(created.split(","));
    }

    // ---- files --------------------------------------------------------------------------------------------------

    private StoredRepository stored(BuildRepository spec) {
        return new StoredRepository(spec.name(), spec.basePath(), contentUrl + spec.basePath() + "/");
    }

    /** What the repository in {@code dir} holds, as its marker ({@link #markerOf}) says; refused if there is none. */
    private static ContentKind kindOf(Path dir, StoredRepository repository) {
        String marker = read(dir.resolve(MARKER));
        if (marker == null) {
            throw new ArtifactStoreException("the store has no repository " + repository.name(), false);
        }
        return ContentKind.valueOf(marker.lines().skip(1).findFirst().orElseThrow());
    }

    private static String markerOf(BuildRepository spec) {
        return spec.name() + "\n" + spec.kind().name() + "\n";
    }

    private Path dirOf(String basePath) {
        Path dir = content.resolve(basePath).normalize();
        if (basePath.isBlank() || !dir.startsWith(content) || dir.equals(content)) {
            throw new ArtifactStoreException("not a base path of this store: " + basePath, false);
        }
        return dir;
    }

    private static String packagePath(String fileName) {
        return "Packages/" + fileName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + fileName;
    }

    private static String kindName(ContentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String handleOf(ContentKind kind, String sha) {
        return kindName(kind) + ":" + sha;
    }

    private static String shaOf(ContentKind kind, String handle) {
        String prefix = kindName(kind) + ":";
        String sha = handle == null || !handle.startsWith(prefix) ? null : handle.substring(prefix.length());
        if (!Blobs.isSha256(sha)) {
            throw new ArtifactStoreException("not a " + kindName(kind) + " content handle of this store: " + handle,
                    false);
        }
        return sha;
    }

    private Path unitFile(ContentKind kind, String sha) {
        return units.resolve(kindName(kind)).resolve(sha);
    }

    /** The units listed in a repository, path → sha256. */
    private static Map<String, String> manifest(Path dir) {
        Map<String, String> listed = new LinkedHashMap<>();
        String text = read(dir.resolve(MANIFEST));
        if (text != null) {
            text.lines().filter(l -> l.length() > 65).forEach(l -> listed.put(l.substring(65), l.substring(0, 64)));
        }
        return listed;
    }

    /** The units changes took out of the repository (replaced by a signed package, moved by a finalization). */
    private static Set<String> removed(Path dir) {
        String text = read(dir.resolve(REMOVED));
        Set<String> shas = new LinkedHashSet<>();
        if (text != null) {
            text.lines().filter(Blobs::isSha256).forEach(shas::add);
        }
        return shas;
    }

    private static void writeManifest(Path dir, Map<String, String> listed) {
        StringBuilder text = new StringBuilder();
        listed.forEach((path, sha) -> text.append(sha).append(' ').append(path).append('\n'));
        write(dir.resolve(MANIFEST), text.toString());
    }

    /** Puts a hard link to the blob at {@code target}, replacing what was there in one rename. */
    private static void link(Path target, Path blob) {
        try {
            Files.createDirectories(target.getParent());
            Path next = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID());
            try {
                Files.createLink(next, blob);
            } catch (FileAlreadyExistsException e) {
                Files.delete(next);
                Files.createLink(next, blob);
            }
            Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure("link " + target.getFileName(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure("read " + file, e);
        }
    }

    /** Writes a small file whole or not at all (a crash leaves the previous one). */
    private static void write(Path file, String text) {
        try {
            Path next = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID());
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure("write " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failure("delete " + file, e);
        }
    }

    private static ArtifactStoreException failure(String what, IOException e) {
        return new ArtifactStoreException("the embedded store could not " + what + ": " + e, true);
    }
}
