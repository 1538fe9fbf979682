package org.albs.bootstrap;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.albs.adapter.out.localstore.Blobs;
import org.albs.adapter.out.localstore.PulpUploadProtocol;
import org.albs.adapter.out.localstore.UploadSettings;
import org.jboss.logging.Logger;

/**
 * The embedded store's Pulp upload routes, mounted when the store is local. A stand-in until the store's wiring
 * mounts them itself: the password must be configured ({@code albs.store.password}).
 *
 * <p>The observer runs first ({@link Interceptor.Priority#PLATFORM_BEFORE}): the routes take
 * {@link PulpUploadProtocol#ROUTE_ORDER}, and among routes of one order Vert.x keeps the order they were added in,
 * so they must be added before adapters-rest's BodyLimit route (same order, default observer priority), which would
 * refuse the nodes' 8 MiB chunks as bodies over {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class UploadRoutes {
    private static final Logger LOG = Logger.getLogger(UploadRoutes.class);

    @Produces
    @Singleton
    PulpUploadProtocol uploadProtocol(Vertx vertx, Blobs blobs, AlbsConfig config) {
        AlbsConfig.Store s = config.store();
        String password = s.password().filter(p -> !p.isBlank()).orElseThrow(() -> new IllegalStateException(
                "albs.store.password (ALBS_STORE_PASSWORD) must be set for the embedded store's upload routes"));
        return new PulpUploadProtocol(vertx, blobs,
                new UploadSettings(s.user(), password, s.maxFileSize(), s.abandonUploadsAfter()), Clock.systemUTC());
    }

    void mount(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        if (choice.local()) {
            protocol.get().mount(router);
        }
    }

    @Inject
    StoreWiring.Choice choice;
    @Inject
    Instance<PulpUploadProtocol> protocol;

    @Scheduled(every = "${albs.store.cleanup-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeAbandoned() {
        if (choice.local()) {
            int removed = protocol.get().removeAbandoned();
            if (removed > 0) {
                LOG.infof("Embedded store: %d abandoned uploads removed", removed);
            }
        }
    }
}
