package org.albs.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.adapter.out.localstore.ContentRoutes;
import org.albs.adapter.out.localstore.LocalArtifactStore;
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

    /** Pulp itself: typed as its class only, so the core gets the measured store below. */
    @Produces
    @Singleton
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

    /** The embedded store's repositories are served by this server, under {@code /content/}. */
    void routes(@Observes Router router, Choice choice, Instance<LocalArtifactStore> local) {
        if (choice.local()) {
            ContentRoutes.mount(router, local.get().contentRoot());
        }
    }

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
