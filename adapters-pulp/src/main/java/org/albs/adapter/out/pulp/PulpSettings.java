package org.albs.adapter.out.pulp;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Pulp: its base URL (upstream's {@code PULP_HOST}, without {@code /pulp/api/v3}), the basic-auth user
 * and password ({@code PULP_USER}, {@code PULP_PASSWORD}), the timeout of every HTTP call, how many times a call that
 * got no answer, a 5xx or a timeout is tried again and the base of its exponential back-off, and how a Pulp task is
 * polled: the first interval (it grows ×1.5 up to 5 s) and how long a task may take.
 */
public record PulpSettings(String host, String user, String password, Duration timeout, int retries,
                           Duration backoff, Duration taskPollInterval, Duration taskTimeout) {
    public PulpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(taskPollInterval, "taskPollInterval");
        Objects.requireNonNull(taskTimeout, "taskTimeout");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        while (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
    }
}
