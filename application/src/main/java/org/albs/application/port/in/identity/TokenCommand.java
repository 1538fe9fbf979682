package org.albs.application.port.in.identity;

import java.time.Duration;

import org.albs.domain.Problems;

/** How long a minted token lives: at least a second, at most ten years (long-lived node tokens, never "forever"). */
public record TokenCommand(Long lifetimeSeconds) {
    public static final long MAX_LIFETIME_SECONDS = 10L * 366 * 24 * 3600;

    public TokenCommand {
        Problems problems = new Problems();
        if (lifetimeSeconds == null) {
            problems.add("Field required", "missing", "lifetime_seconds");
        } else if (lifetimeSeconds <= 0 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            problems.add("lifetime_seconds must be between 1 and " + MAX_LIFETIME_SECONDS, "value_error",
                    "lifetime_seconds");
        }
        problems.throwIfAny();
    }

    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }
}
