package org.albs.adapter.in.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gitea listener's broker and subscription, the keys of upstream's albs-gitea-listener-config.yaml: host,
 * port, the topics (unmodified and modified), QoS, client id, credentials, clean session. Reconnects back off from
 * {@code reconnectMin} doubling to {@code reconnectMax}.
 */
public record MqttListenerSettings(String host, int port, List<String> topics, int qos, String clientId,
                                   Optional<String> username, Optional<String> password, boolean cleanSession,
                                   Duration reconnectMin, Duration reconnectMax) {
    public MqttListenerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no MQTT host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MQTT port out of range: " + port);
        }
        topics = topics.stream().filter(t -> t != null && !t.isBlank()).distinct().toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no MQTT topic to subscribe to");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("MQTT QoS must be 0, 1 or 2, not " + qos);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("no MQTT client id");
        }
        username = username.filter(u -> !u.isBlank());
        password = password.filter(p -> !p.isBlank());
    }
}
