package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;

/**
 * An artifact store in memory that behaves like Pulp where the application can tell: uploaded artifacts by handle,
 * content shared by sha256, repositories with their content, operations that run when awaited. It records every
 * call that changes something, and fails calls on request, so tests can count calls and inject faults.
 */
public final class InMemoryArtifactStore implements ArtifactStore {
    /** An artifact a node uploaded: its file's checksum, for a package its header, and its bytes when given. */
    public record Upload(String sha256, PackageMeta pkg, byte[] bytes) {
    }

    private final Map<String, Upload> uploads = new HashMap<>();
    private final Map<String, StoredContent> contentBySha = new HashMap<>();
    private final Map<String, StoredContent> contentByHandle = new HashMap<>();
    /** content handle → its file name and the upload it was made of */
    private final Map<String, Map.Entry<String, Upload>> files = new HashMap<>();
    private final Map<String, StoredRepository> repositories = new LinkedHashMap<>();
    private final Map<String, Set<String>> repositoryContent = new HashMap<>();
    private final Map<String, Supplier<List<String>>> pending = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, ArtifactStoreException> failuresOf = new HashMap<>();
    private final Map<String, Runnable> before = new HashMap<>();
    private int next = 1;

    /** A node uploads a file (its handle is what it reports as {@code href}). */
    public synchronized void upload(String handle, String sha256, PackageMeta pkg) {
        uploads.put(handle, new Upload(sha256, pkg, null));
    }

    /** A node uploads a file with these bytes (a test log the store is asked to read back). */
    public synchronized void uploadFile(String handle, String sha256, byte[] bytes) {
        uploads.put(handle, new Upload(sha256, null, bytes.clone()));
    }

    /** The state-changing calls so far, e.g. {@code change EL-x86_64-1-br +2 -0}, {@code publish …}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized Set<String> content(String repository) {
        return Set.copyOf(repositoryContent.getOrDefault(repository, Set.of()));
    }

    public synchronized Set<String> repositoryNames() {
        return Set.copyOf(repositories.keySet());
    }

    /** The next call of this method ({@code startChange}, {@code await} ...) fails with this, once. */
    public synchronized void failNextCallOf(String method, ArtifactStoreException error) {
        failuresOf.put(method, error);
    }

    /** Runs {@code action} when this method is called next, before it does anything (time passing, a fault). */
    public synchronized void beforeNextCallOf(String method, Runnable action) {
        before.put(method, action);
    }

    /** The next call of this method finds its thread interrupted (its server shutting down) and fails. */
    public synchronized void interruptNextCallOf(String method) {
        beforeNextCallOf(method, () -> {
            Thread.currentThread().interrupt();
            throw new ArtifactStoreException("interrupted while calling " + method, true);
        });
    }

    private void maybeFail(String method) {
        Runnable action = before.remove(method);
        if (action != null) {
            action.run();
        }
        ArtifactStoreException once = failuresOf.remove(method);
        if (once != null) {
            throw once;
        }
    }

    private String operation(Supplier<List<String>> work) {
        String handle = "/tasks/" + next++ + "/";
        pending.put(handle, work);
        return handle;
    }

    @Override
    public synchronized Optional<StoredRepository> findRepository(BuildRepository spec) {
        maybeFail("findRepository");
        return Optional.ofNullable(repositories.get(spec.name()));
    }

    @Override
    public synchronized StoredRepository createRepository(BuildRepository spec) {
        maybeFail("createRepository");
        StoredRepository existing = repositories.get(spec.name());
        if (existing != null) {
            return existing;
        }
        calls.add("create " + spec.name());
        StoredRepository repo = new StoredRepository(spec.name(), "/repositories/" + spec.name() + "/",
                "https://store.example.org/" + spec.basePath() + "/");
        repositories.put(spec.name(), repo);
        repositoryContent.put(spec.name(), new LinkedHashSet<>());
        return repo;
    }

    @Override
    public synchronized void deleteRepository(StoredRepository repository) {
        maybeFail("deleteRepository");
        calls.add("delete " + repository.name());
        repositories.remove(repository.name());
        repositoryContent.remove(repository.name());
    }

    @Override
    public synchronized Optional<StoredContent> findContent(ContentKind kind, String sha256) {
        maybeFail("findContent");
        return Optional.ofNullable(contentBySha.get(kind + ":" + sha256.toLowerCase(Locale.ROOT)));
    }

    @Override
    public synchronized Operation startContent(ContentKind kind, String artifactHandle, String fileName) {
        maybeFail("startContent");
        Upload upload = uploads.get(artifactHandle);
        if (upload == null) {
            throw new ArtifactStoreException("Invalid hyperlink - Object does not exist: " + artifactHandle, false);
        }
        calls.add("content " + fileName);
        return new Operation(operation(() -> {
            StoredContent c = new StoredContent("/content/" + next++ + "/", upload.sha256(),
                    kind == ContentKind.RPM ? upload.pkg() : null);
            contentBySha.put(kind + ":" + upload.sha256(), c);
            contentByHandle.put(c.handle(), c);
            files.put(c.handle(), Map.entry(fileName, upload));
            return List.of(c.handle());
        }));
    }

    @Override
    public synchronized StoredContent describe(ContentKind kind, String contentHandle) {
        maybeFail("describe");
        return Optional.ofNullable(contentByHandle.get(contentHandle))
                .orElseThrow(() -> new ArtifactStoreException("no content " + contentHandle, false));
    }

    @Override
    public synchronized Operation startChange(StoredRepository repository, Collection<String> add,
                                              Collection<String> remove) {
        maybeFail("startChange");
        calls.add("change " + repository.name() + " +" + add.size() + " -" + remove.size());
        return new Operation(operation(() -> {
            Set<String> content = repositoryContent.get(repository.name());
            if (content == null) {
                throw new ArtifactStoreException("no repository " + repository.name(), false);
            }
            content.removeAll(remove);
            content.addAll(add);
            return List.of();
        }));
    }

    @Override
    public synchronized Operation startPublication(StoredRepository repository) {
        maybeFail("startPublication");
        calls.add("publish " + repository.name());
        return new Operation(operation(List::of));
    }

    @Override
    public synchronized List<String> await(Operation operation) {
        maybeFail("await");
        Supplier<List<String>> work = pending.remove(operation.handle());
        if (work == null) {
            return List.of(); // ran already: Pulp keeps finished tasks
        }
        return work.get();
    }

    @Override
    public synchronized Optional<byte[]> readFile(StoredRepository repository, String fileName, int maxBytes) {
        maybeFail("readFile");
        return repositoryContent.getOrDefault(repository.name(), Set.of()).stream().map(files::get)
                .filter(f -> f != null && f.getKey().equals(fileName) && f.getValue().bytes() != null)
                .findFirst().map(f -> java.util.Arrays.copyOf(f.getValue().bytes(),
                        Math.min(maxBytes, f.getValue().bytes().length)));
    }

    @Override
    public String packageUrl(StoredRepository repository, String fileName) {
        return repository.baseUrl() + "Packages/" + fileName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + fileName;
    }
}
