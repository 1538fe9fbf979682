package org.albs.bootstrap;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.StoredContent;

/**
 * The artifact store as the core sees it, measured: every call's time in {@code albs_store_call_seconds} and its
 * count in {@code albs_store_calls_total}, by operation and outcome ({@code ok}, {@code transient} or
 * {@code refused}), whichever store runs behind it.
 */
final class MeteredArtifactStore implements ArtifactStore {
    private final ArtifactStore store;
    private final MeterRegistry registry;

    MeteredArtifactStore(ArtifactStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    private <T> T measured(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return call.get();
        } catch (ArtifactStoreException e) {
            outcome = e.isTransient() ? "transient" : "refused";
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            Timer.builder("albs_store_call_seconds").tag("operation", operation).tag("outcome", outcome)
                    .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            registry.counter("albs_store_calls_total", "operation", operation, "outcome", outcome).increment();
        }
    }

    @Override
    public Optional<StoredRepository> findRepository(BuildRepository spec) {
        return measured("find_repository", () -> store.findRepository(spec));
    }

    @Override
    public StoredRepository createRepository(BuildRepository spec) {
        return measured("create_repository", () -> store.createRepository(spec));
    }

    @Override
    public void deleteRepository(StoredRepository repository) {
        measured("delete_repository", () -> {
            store.deleteRepository(repository);
            return null;
        });
    }

    @Override
    public Optional<StoredContent> findContent(ContentKind kind, String sha256) {
        return measured("find_content", () -> store.findContent(kind, sha256));
    }

    @Override
    public Operation startContent(ContentKind kind, String artifactHandle, String fileName) {
        return measured("start_content", () -> store.startContent(kind, artifactHandle, fileName));
    }

    @Override
    public StoredContent describe(ContentKind kind, String contentHandle) {
        return measured("describe", () -> store.describe(kind, contentHandle));
    }

    @Override
    public Optional<byte[]> readFile(StoredRepository repository, String fileName, int maxBytes) {
        return measured("read_file", () -> store.readFile(repository, fileName, maxBytes));
    }

    @Override
    public Operation startChange(StoredRepository repository, Collection<String> add, Collection<String> remove) {
        return measured("start_change", () -> store.startChange(repository, add, remove));
    }

    @Override
    public Operation startPublication(StoredRepository repository) {
        return measured("start_publication", () -> store.startPublication(repository));
    }

    @Override
    public List<String> await(Operation operation) {
        return measured("await", () -> store.await(operation));
    }

    @Override
    public String packageUrl(StoredRepository repository, String fileName) {
        return store.packageUrl(repository, fileName);
    }
}
