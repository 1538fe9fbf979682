package org.albs.bootstrap;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import org.albs.adapter.in.mqtt.MqttGiteaListener;
import org.albs.adapter.in.mqtt.MqttListenerSettings;
import org.albs.application.port.in.sources.HandleGitPushUseCase;
import org.albs.application.port.in.sources.RefreshProjectIndexUseCase;
import org.jboss.logging.Logger;

/**
 * Runs the sources' background work: the git cacher on its period (when GITEA_HOST is set; one run at a time
 * across instances, under the index's lock) and the gitea listener (when a broker is configured).
 */
@ApplicationScoped
public class SourcesJobs {
    private static final Logger LOG = Logger.getLogger(SourcesJobs.class);

    private final AlbsConfig config;
    private final RefreshProjectIndexUseCase cacher;
    private final HandleGitPushUseCase pushes;
    private final Vertx vertx;
    private volatile MqttGiteaListener listener;

    public SourcesJobs(AlbsConfig config, RefreshProjectIndexUseCase cacher, HandleGitPushUseCase pushes,
                       Vertx vertx) {
        this.config = config;
        this.cacher = cacher;
        this.pushes = pushes;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        Optional<MqttListenerSettings> settings = SourcesWiring.listenerSettings(config);
        if (settings.isEmpty()) {
            LOG.info("gitea listener off (no ALBS_MQTT_QUEUE_HOST)");
            return;
        }
        if (config.giteaListener().serviceUser().filter(u -> !u.isBlank()).isEmpty()) {
            throw new IllegalStateException("the gitea listener needs ALBS_GITEA_LISTENER_SERVICE_USER, the e-mail of"
                    + " the user owning the builds it creates");
        }
        MqttGiteaListener l = new MqttGiteaListener(vertx, settings.get(), pushes);
        listener = l;
        l.start();
    }

    void stop(@Observes ShutdownEvent event) {
        MqttGiteaListener l = listener;
        if (l != null) {
            l.stop();
        }
    }

    /** The running listener, if any. */
    public Optional<MqttGiteaListener> listener() {
        return Optional.ofNullable(listener);
    }

    @Scheduled(identity = "git-cacher", every = "${albs.git-cacher.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshIndex() {
        if (config.gitea().host().filter(h -> !h.isBlank()).isEmpty()) {
            return;
        }
        try {
            cacher.refresh().ifPresent(r -> LOG.infof("git cacher: %s", r));
        } catch (RuntimeException e) {
            LOG.warnf("git cacher run failed: %s", e.toString());
        }
    }
}
