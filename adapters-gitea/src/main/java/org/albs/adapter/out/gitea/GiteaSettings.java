package org.albs.adapter.out.gitea;

import java.time.Duration;
import java.util.Optional;

/**
 * Where Gitea is: its base URL ({@code https://git.almalinux.org}; a trailing {@code /api/v1/}, as upstream's
 * GITEA_HOST has it, is accepted), an optional API token, every call's timeout, and the page size (Gitea's
 * maximum is 50 by default).
 */
public record GiteaSettings(String host, Optional<String> token, Duration timeout, int pageSize) {
    public GiteaSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no Gitea host");
        }
        String h = host.strip();
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.endsWith("/api/v1")) {
            h = h.substring(0, h.length() - "/api/v1".length());
        }
        host = h;
        token = token.filter(t -> !t.isBlank());
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
    }

    public String api() {
        return host + "/api/v1";
    }
}
