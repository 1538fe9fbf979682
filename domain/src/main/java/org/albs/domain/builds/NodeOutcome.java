package org.albs.domain.builds;

import java.util.Locale;
import java.util.Optional;

import org.albs.domain.lease.WorkEvent;

/** What a build node reports in build_done. */
public enum NodeOutcome {
    DONE(WorkEvent.DONE), FAILED(WorkEvent.FAIL), EXCLUDED(WorkEvent.EXCLUDE);

    private final WorkEvent event;

    NodeOutcome(WorkEvent event) {
        this.event = event;
    }

    public WorkEvent event() {
        return event;
    }

    public static Optional<NodeOutcome> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "done" -> Optional.of(DONE);
            case "failed" -> Optional.of(FAILED);
            case "excluded" -> Optional.of(EXCLUDED);
            default -> Optional.empty();
        };
    }
}
