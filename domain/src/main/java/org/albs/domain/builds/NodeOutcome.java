package org.albs.domain.builds;

import java.util.Locale;
import java.util.Optional;

/** What a build node reports in build_done. */
public enum NodeOutcome {
    DONE(TaskEvent.DONE), FAILED(TaskEvent.FAIL), EXCLUDED(TaskEvent.EXCLUDE);

    private final TaskEvent event;

    NodeOutcome(TaskEvent event) {
        this.event = event;
    }

    public TaskEvent event() {
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
