package org.albs.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.adapter.out.localstore.ContentRoutes;
import org.albs.adapter.out.localstore.LocalArtifactStore;
import org.albs.adapter.out.localstore.PulpUploadProtocol;
import org.albs.adapter.out.localstore.UploadSettings;
import org.albs.adapter.out.pulp.PulpArtifactStore;
import org.albs.adapter.out.pulp.PulpSettings;
import org.albs.application.port.out.ArtifactStore;
import org.jboss.logging.Logger;

/**
 * The artifact store: Pulp or the embedded store, chosen once from the configuration ({@link AlbsConfig#artifactStore}).
 * Only this class knows which one runs; the core gets an {@link ArtifactStore}, measured.
 */
@ApplicationScoped
public class StoreWiring {
    private static final Logger LOG = Logger.getLogger(StoreWiring.class);
    static final String LOCAL = "local";
    static final String PULP = "pulp";

    /**
     * The store that runs and where it serves repositories.
     *
     * @param kind       {@code local} or {@code pulp}
     * @param contentUrl the root the repositories are served under, ending in {@code /}
     */
    public record Choice(String kind, String contentUrl) {
        boolean local() {
            return kind.equals(LOCAL);
        }
    }

    @Produces
    @Singleton
    Choice choice(AlbsConfig config) {
        String kind = config.artifactStore().map(k -> k.trim().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty())
                .orElse(config.pulp().host().filter(h -> !h.isBlank()).isPresent() ? PULP : LOCAL);
        return switch (kind) {
            case LOCAL -> new Choice(LOCAL, withSlash(config.store().publicUrl()) + "content/");
            case PULP -> new Choice(PULP, withSlash(pulpHost(config)) + "pulp/content/");
            default -> throw new IllegalStateException("ALBS_ARTIFACT_STORE is '" + kind
                    + "': the artifact store is 'local' (the embedded one) or 'pulp'");
        };
    }

    private static String pulpHost(AlbsConfig config) {
        return config.pulp().host().filter(h -> !h.isBlank()).orElseThrow(() -> new IllegalStateException(
                "ALBS_ARTIFACT_STORE is 'pulp' but PULP_HOST is not set"));
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /**
     * Pulp itself: typed as its class only, so the core gets the measured store below. Made on first use (a client
     * proxy), like the test system: its REST and HTTP clients initialise the JVM's TLS stack.
     */
    @Produces
    @ApplicationScoped
    @Typed(PulpArtifactStore.class)
    PulpArtifactStore pulp(AlbsConfig config) {
        AlbsConfig.Pulp p = config.pulp();
        return new PulpArtifactStore(new PulpSettings(pulpHost(config), p.user(), p.password().orElse(""),
                p.timeout(), p.retries(), p.backoff(), p.taskPollInterval(), p.taskTimeout()));
    }

    void closePulp(@Disposes PulpArtifactStore pulp) {
        pulp.close();
    }

    @Produces
    @Singleton
    Blobs blobs(AlbsConfig config) {
        return new Blobs(Path.of(config.store().dir()).toAbsolutePath());
    }

    /** The embedded store: typed as its class only, like Pulp. */
    @Produces
    @Singleton
    @Typed(LocalArtifactStore.class)
    LocalArtifactStore local(AlbsConfig config, Blobs blobs, Choice choice) {
        AlbsConfig.Store s = config.store();
        return new LocalArtifactStore(blobs, Path.of(s.dir()).toAbsolutePath(), choice.contentUrl(), s.createrepo(),
                s.metadataTimeout());
    }

    /** The artifact store the core uses, measured. */
    @Produces
    @Singleton
    ArtifactStore artifactStore(Choice choice, Instance<PulpArtifactStore> pulp, Instance<LocalArtifactStore> local,
                                MeterRegistry registry) {
        ArtifactStore store = choice.local() ? local.get() : pulp.get();
        return new MeteredArtifactStore(store, registry);
    }

    /**
     * The embedded store's Pulp upload routes. Their password is {@code albs.store.password}, or one generated once
     * into {@code <data-dir>/store-password} (the nodes' {@code pulp_password}).
     */
    @Produces
    @Singleton
    PulpUploadProtocol uploadProtocol(Vertx vertx, Blobs blobs, AlbsConfig config, Clock clock) {
        AlbsConfig.Store s = config.store();
        String password = s.password().filter(p -> !p.isBlank()).orElseGet(() -> {
            Path file = Path.of(config.dataDir()).toAbsolutePath().resolve("store-password");
            try {
                String generated = AlbsMain.secretFile(file);
                LOG.infof("Embedded store: upload user %s, password in %s", s.user(), file);
                return generated;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the embedded store's password in " + file, e);
            }
        });
        return new PulpUploadProtocol(vertx, blobs,
                new UploadSettings(s.user(), password, s.maxFileSize(), s.abandonUploadsAfter()), clock);
    }

    /**
     * With the embedded store, this server serves its Pulp upload routes and its repositories (under
     * {@code /content/}). The observer runs first ({@link Interceptor.Priority#PLATFORM_BEFORE}): the upload routes
     * take {@link PulpUploadProtocol#ROUTE_ORDER}, and among routes of one order Vert.x keeps the order they were
     * added in, so they must come before adapters-rest's body-limit route (same order, default observer priority),
     * which would refuse the nodes' 8 MiB chunks as bodies over {@code quarkus.http.limits.max-body-size}.
     */
    void routes(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router, Choice choice,
                Instance<PulpUploadProtocol> uploads, Instance<LocalArtifactStore> local) {
        if (choice.local()) {
            uploads.get().mount(router);
            ContentRoutes.mount(router, local.get().contentRoot());
        }
    }

    /** Removes uploads nobody finished (a node that died mid-upload). */
    @Scheduled(identity = "abandoned-uploads", every = "${albs.store.cleanup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeAbandonedUploads() {
        if (choice.get().local()) {
            int removed = uploads.get().removeAbandoned();
            if (removed > 0) {
                LOG.infof("Embedded store: %d abandoned uploads removed", removed);
            }
        }
    }

    // looked up when the job runs: this class produces the Choice, so it cannot be injected into it
    @Inject
    Instance<Choice> choice;
    @Inject
    Instance<PulpUploadProtocol> uploads;

    /** Finishes, off the start-up path, the metadata generations a crash interrupted. */
    void recover(@Observes StartupEvent event, Choice choice, AlbsConfig config, Instance<LocalArtifactStore> local) {
        if (!choice.local()) {
            LOG.infof("Artifact store: Pulp at %s", pulpHost(config));
            return;
        }
        LocalArtifactStore store = local.get();
        LOG.infof("Artifact store: the embedded store in %s, served at %s", Path.of(config.store().dir())
                .toAbsolutePath(), choice.contentUrl());
        Thread recovery = new Thread(() -> {
            try {
                List<Path> generated = store.recover();
                if (!generated.isEmpty()) {
                    LOG.infof("Embedded store: metadata generated again after an interruption for %s", generated);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Embedded store: recovery after an interruption failed");
            }
        }, "albs-store-recovery");
        recovery.setDaemon(true);
        recovery.start();
    }
}
