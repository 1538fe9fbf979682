package org.albs.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import org.albs.adapter.in.mqtt.MqttListenerSettings;
import org.albs.adapter.out.gitea.GiteaGitHosting;
import org.albs.adapter.out.gitea.GiteaSettings;
import org.albs.adapter.out.redis.RedisProjectIndex;
import org.albs.application.port.in.builds.CreateBuildUseCase;
import org.albs.application.port.out.GitHosting;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.ProjectIndex;
import org.albs.application.port.out.PushEvents;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.sources.GitCacher;
import org.albs.application.sources.GitPushService;
import org.albs.application.sources.ProjectService;
import org.albs.domain.sources.BuildTargetRules;
import org.jboss.logging.Logger;

/** The sources: the project index in Redis, the git cacher on Gitea, the gitea listener on MQTT. */
@ApplicationScoped
public class SourcesWiring {
    private static final Logger LOG = Logger.getLogger(SourcesWiring.class);

    @Produces
    @Singleton
    ProjectIndex projectIndex(RedisDataSource redis, AlbsConfig config, MeterRegistry registry) {
        return new RedisProjectIndex(redis, config.sources().redisKeyPrefix().orElse(""), (org, reason) -> {
            registry.counter("albs_project_index_malformed_entries", "organisation", org).increment();
            LOG.warnf("project index %s: skipped an entry: %s", org, reason);
        });
    }

    @Produces
    @Singleton
    ProjectService projectService(ProjectIndex index) {
        return new ProjectService(index);
    }

    @Produces
    @Singleton
    GitCacher gitCacher(ProjectIndex index, AlbsConfig config) {
        return new GitCacher(gitHosting(config).orElseGet(NoGitHost::new), index, config.gitea().orgs(),
                config.gitCacher().lockTtl());
    }

    @Produces
    @Singleton
    GitPushService gitPushService(CreateBuildUseCase builds, Users users, Platforms platforms, PushEvents events,
                                  ProjectIndex index, Transactions tx, Clock clock, AlbsConfig config) {
        AlbsConfig.GiteaListener l = config.giteaListener();
        return new GitPushService(BuildTargetRules.parse(l.rules()), l.serviceUser().orElse(""),
                new HashSet<>(config.gitea().orgs()), builds, users, platforms, events, index, gitHosting(config),
                tx, clock);
    }

    static Optional<GitHosting> gitHosting(AlbsConfig config) {
        AlbsConfig.Gitea g = config.gitea();
        return g.host().filter(h -> !h.isBlank()).map(h -> new GiteaGitHosting(new GiteaSettings(h, g.token(),
                g.timeout(), g.pageSize())));
    }

    /**
     * The listener's settings: the ALBS_MQTT_* settings, overridden by the mqtt_* keys of the listener's YAML file
     * when one is given; empty when no broker host is configured (the listener is off).
     */
    static Optional<MqttListenerSettings> listenerSettings(AlbsConfig config) {
        return listenerSettings(config.mqtt(), config.giteaListener().config());
    }

    static Optional<MqttListenerSettings> listenerSettings(AlbsConfig.Mqtt m, Optional<String> configFile) {
        Optional<String> host = m.queueHost();
        int port = m.queuePort();
        String unmodified = m.queueTopicUnmodified();
        String modified = m.queueTopicModified();
        int qos = m.queueQos();
        String clientId = m.clientId();
        Optional<String> username = m.queueUsername();
        Optional<String> password = m.queuePassword();
        boolean clean = m.queueCleanSession();
        Optional<String> file = configFile.filter(f -> !f.isBlank());
        if (file.isPresent()) {
            JsonNode yaml;
            try {
                yaml = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of(file.get())));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the gitea listener config " + file.get() + ": "
                        + e.getMessage(), e);
            }
            if (yaml == null || !yaml.isObject()) {
                throw new IllegalStateException("the gitea listener config " + file.get() + " is not a YAML map");
            }
            host = text(yaml, "mqtt_queue_host").or(() -> m.queueHost());
            port = yaml.hasNonNull("mqtt_queue_port") ? yaml.get("mqtt_queue_port").asInt(port) : port;
            unmodified = text(yaml, "mqtt_queue_topic_unmodified").orElse(unmodified);
            modified = text(yaml, "mqtt_queue_topic_modified").orElse(modified);
            qos = yaml.hasNonNull("mqtt_queue_qos") ? yaml.get("mqtt_queue_qos").asInt(qos) : qos;
            clientId = text(yaml, "mqtt_client_id").orElse(clientId);
            username = text(yaml, "mqtt_queue_username").or(() -> m.queueUsername());
            password = text(yaml, "mqtt_queue_password").or(() -> m.queuePassword());
            clean = yaml.hasNonNull("mqtt_queue_clean_session")
                    ? yaml.get("mqtt_queue_clean_session").asBoolean(clean) : clean;
            if (yaml.hasNonNull("albs_jwt_token") || yaml.hasNonNull("albs_address")) {
                LOG.info("gitea listener config: albs_jwt_token and albs_address are not needed (builds are created"
                        + " in-process as ALBS_GITEA_LISTENER_SERVICE_USER) and are ignored");
            }
        }
        if (host.filter(h -> !h.isBlank()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MqttListenerSettings(host.get(), port, List.of(unmodified, modified), qos, clientId,
                username, password, clean, m.reconnectMin(), m.reconnectMax()));
    }

    private static Optional<String> text(JsonNode yaml, String key) {
        JsonNode v = yaml.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    /** Gitea is not configured: the cacher does not run, and branch pushes update the index from the event. */
    static final class NoGitHost implements GitHosting {
        private static GitHostingException off() {
            return new GitHostingException("GITEA_HOST is not set", null);
        }

        @Override
        public List<HostedRepository> repositories(String organisation) {
            throw off();
        }

        @Override
        public Optional<HostedRepository> repository(String fullName) {
            throw off();
        }

        @Override
        public List<String> tags(String fullName) {
            throw off();
        }

        @Override
        public List<String> branches(String fullName) {
            throw off();
        }
    }
}
