package org.albs.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.adapter.in.mqtt.MqttListenerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's settings: ALBS_MQTT_* and upstream's albs-gitea-listener-config.yaml. */
class SourcesWiringTest {
    @TempDir
    Path dir;

    /** The Mqtt settings with AlbsConfig's defaults, some replaced. */
    static AlbsConfig.Mqtt mqtt(Map<String, Object> set) {
        Map<String, Object> values = new HashMap<>(Map.of("queueHost", Optional.empty(), "queuePort", 1883,
                "queueTopicUnmodified", "gitea-webhooks-unmodified", "queueTopicModified", "gitea-webhooks-modified",
                "queueQos", 2, "clientId", "albs_gitea_listener", "queueUsername", Optional.empty(),
                "queuePassword", Optional.empty(), "queueCleanSession", false, "reconnectMin", Duration.ofSeconds(1)));
        values.put("reconnectMax", Duration.ofSeconds(60));
        values.putAll(set);
        return (AlbsConfig.Mqtt) Proxy.newProxyInstance(AlbsConfig.Mqtt.class.getClassLoader(),
                new Class<?>[]{AlbsConfig.Mqtt.class}, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new AssertionError("unexpected setting " + method.getName());
                    }
                    return values.get(method.getName());
                });
    }

    @Test
    void offWithoutABrokerHost() {
        assertThat(SourcesWiring.listenerSettings(mqtt(Map.of()), Optional.empty())).isEmpty();
    }

    @Test
    void settingsAlone() {
        MqttListenerSettings s = SourcesWiring.listenerSettings(mqtt(Map.of("queueHost", Optional.of("mosquitto"),
                "queueUsername", Optional.of("u"))), Optional.empty()).orElseThrow();
        assertThat(s.host()).isEqualTo("mosquitto");
        assertThat(s.port()).isEqualTo(1883);
        assertThat(s.topics()).containsExactly("gitea-webhooks-unmodified", "gitea-webhooks-modified");
        assertThat(s.qos()).isEqualTo(2);
        assertThat(s.clientId()).isEqualTo("albs_gitea_listener");
        assertThat(s.username()).contains("u");
        assertThat(s.password()).isEmpty();
        assertThat(s.cleanSession()).isFalse();
    }

    @Test
    void upstreamsYamlFileIsAccepted() throws Exception {
        // the seed's file, as albs-deploy ships it
        Path file = Files.writeString(dir.resolve("albs-gitea-listener-config.yaml"), """
                ---
                mqtt_queue_host: mosquitto
                mqtt_queue_port: 1884
                mqtt_queue_topic_unmodified: gitea-webhooks-unmodified
                mqtt_queue_topic_modified: gitea-webhooks-modified
                mqtt_queue_qos: 1
                mqtt_client_id: albs_gitea_listener_2
                mqtt_queue_username:
                mqtt_queue_password: secret
                mqtt_queue_clean_session: True
                albs_jwt_token:
                albs_address: http://web_server:8080
                """);
        MqttListenerSettings s = SourcesWiring.listenerSettings(mqtt(Map.of("queueHost", Optional.of("other"),
                "queueUsername", Optional.of("from-env"))), Optional.of(file.toString())).orElseThrow();
        assertThat(s.host()).isEqualTo("mosquitto");
        assertThat(s.port()).isEqualTo(1884);
        assertThat(s.qos()).isEqualTo(1);
        assertThat(s.clientId()).isEqualTo("albs_gitea_listener_2");
        assertThat(s.username()).as("an empty key leaves the setting").contains("from-env");
        assertThat(s.password()).contains("secret");
        assertThat(s.cleanSession()).isTrue();
        assertThat(s.topics()).isEqualTo(List.of("gitea-webhooks-unmodified", "gitea-webhooks-modified"));
    }

    @Test
    void badFilesAndValuesStopTheStart() throws Exception {
        assertThatThrownBy(() -> SourcesWiring.listenerSettings(mqtt(Map.of()),
                Optional.of(dir.resolve("missing.yaml").toString()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.yaml");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertThatThrownBy(() -> SourcesWiring.listenerSettings(mqtt(Map.of()), Optional.of(list.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a YAML map");
        assertThatThrownBy(() -> SourcesWiring.listenerSettings(mqtt(Map.of("queueHost", Optional.of("h"),
                "queueQos", 3)), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
