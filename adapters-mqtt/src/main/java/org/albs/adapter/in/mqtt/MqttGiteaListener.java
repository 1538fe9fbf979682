package org.albs.adapter.in.mqtt;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.albs.application.port.in.sources.HandleGitPushUseCase;
import org.albs.domain.DomainException;
import org.albs.domain.sources.GitPush;
import org.jboss.logging.Logger;

/**
 * The gitea listener: subscribes to the push-event topics and hands each push to the
 * {@link HandleGitPushUseCase} in-process, on a worker thread. A message is acknowledged once handled (QoS 1/2),
 * so a crash before that gets it redelivered; the use case makes a redelivery harmless. A malformed message is
 * logged with its topic and dropped. A lost connection, or a broker that is not there, is retried with a doubling
 * back-off for as long as the listener runs; nothing here ever stops the server.
 */
public class MqttGiteaListener {
    private static final Logger LOG = Logger.getLogger(MqttGiteaListener.class);
    private static final int HANDLE_ATTEMPTS = 3;

    private final Vertx vertx;
    private final MqttListenerSettings settings;
    private final HandleGitPushUseCase pushes;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile MqttClient client;
    private volatile boolean running;
    private volatile boolean subscribed;
    private Duration nextBackOff;

    public MqttGiteaListener(Vertx vertx, MqttListenerSettings settings, HandleGitPushUseCase pushes) {
        this.vertx = vertx;
        this.settings = settings;
        this.pushes = pushes;
        this.nextBackOff = settings.reconnectMin();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        LOG.infof("gitea listener: subscribing to %s on %s:%d as %s", settings.topics(), settings.host(),
                settings.port(), settings.clientId());
        vertx.runOnContext(v -> connect());
    }

    public synchronized void stop() {
        running = false;
        MqttClient c = client;
        if (c != null && c.isConnected()) {
            c.disconnect();
        }
    }

    /** Connected and subscribed to every topic. */
    public boolean isSubscribed() {
        MqttClient c = client;
        return subscribed && c != null && c.isConnected();
    }

    /** Messages handed to the use case so far (whatever became of them). */
    public long handled() {
        return handled.get();
    }

    /** Malformed messages dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    private void connect() {
        if (!running) {
            return;
        }
        MqttClientOptions options = new MqttClientOptions().setClientId(settings.clientId())
                .setCleanSession(settings.cleanSession()).setAutoKeepAlive(true).setKeepAliveInterval(30);
        options.setAutoAck(false);
        settings.username().ifPresent(options::setUsername);
        settings.password().ifPresent(options::setPassword);
        MqttClient c = MqttClient.create(vertx, options);
        client = c;
        subscribed = false;
        // one retry per attempt, whichever of the close and the failed connect reports first
        java.util.concurrent.atomic.AtomicBoolean retried = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable retry = () -> {
            if (retried.compareAndSet(false, true)) {
                retryLater();
            }
        };
        c.publishHandler(this::received);
        c.closeHandler(v -> {
            subscribed = false;
            if (running) {
                LOG.warnf("gitea listener: lost the broker %s:%d, reconnecting", settings.host(), settings.port());
                retry.run();
            }
        });
        c.exceptionHandler(e -> LOG.debugf("gitea listener: %s", e.toString()));
        c.connect(settings.port(), settings.host(), ar -> {
            if (ar.failed() || ar.result().code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                String why = ar.failed() ? ar.cause().toString() : ar.result().code().toString();
                LOG.warnf("gitea listener: cannot connect to %s:%d (%s), retrying in %s", settings.host(),
                        settings.port(), why, nextBackOff);
                if (ar.succeeded()) {
                    c.disconnect();
                }
                retry.run();
                return;
            }
            Map<String, Integer> topics = new LinkedHashMap<>();
            settings.topics().forEach(t -> topics.put(t, settings.qos()));
            c.subscribe(topics, sub -> {
                if (sub.failed()) {
                    LOG.warnf("gitea listener: subscription failed (%s), reconnecting", sub.cause().toString());
                    c.disconnect();
                    return;
                }
                subscribed = true;
                nextBackOff = settings.reconnectMin();
                LOG.infof("gitea listener: subscribed to %s", settings.topics());
            });
        });
    }

    private void retryLater() {
        if (!running) {
            return;
        }
        long delay = Math.max(1, nextBackOff.toMillis());
        Duration doubled = nextBackOff.multipliedBy(2);
        nextBackOff = doubled.compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : doubled;
        vertx.setTimer(delay, id -> connect());
    }

    private void received(MqttPublishMessage message) {
        String topic = message.topicName();
        GitPush push;
        try {
            push = GiteaPushEvents.parse(message.payload().getBytes());
        } catch (IllegalArgumentException e) {
            dropped.incrementAndGet();
            LOG.warnf("gitea listener: dropped a malformed message on %s: %s", topic, e.getMessage());
            ack(message);
            return;
        }
        vertx.executeBlocking(() -> handle(topic, push), false).onComplete(done -> {
            handled.incrementAndGet();
            ack(message);
        });
    }

    private Void handle(String topic, GitPush push) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                HandleGitPushUseCase.PushOutcome outcome = pushes.handle(push);
                LOG.infof("gitea listener: %s on %s: %s (%s)", push, topic, outcome.kind(), outcome.detail());
                return null;
            } catch (DomainException e) {
                // the push itself cannot become a build (an unknown platform, a refused command): trying again
                // cannot help
                LOG.errorf("gitea listener: %s on %s refused: %s", push, topic, e.getMessage());
                return null;
            } catch (RuntimeException e) {
                if (attempt >= HANDLE_ATTEMPTS || !running) {
                    LOG.errorf(e, "gitea listener: %s on %s not handled after %d attempts", push, topic, attempt);
                    return null;
                }
                LOG.warnf("gitea listener: %s on %s failed (%s), trying again", push, topic, e.toString());
                Thread.sleep(1000L << (attempt - 1));
            }
        }
    }

    private static void ack(MqttPublishMessage message) {
        if (message.qosLevel().value() > 0) {
            try {
                message.ack();
            } catch (RuntimeException e) {
                LOG.debugf("gitea listener: could not acknowledge: %s", e.toString());
            }
        }
    }
}
