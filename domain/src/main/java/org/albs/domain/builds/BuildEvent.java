package org.albs.domain.builds;

import java.time.Instant;
import java.util.Objects;

/**
 * A line of a build's own history, what happened to the build as a whole rather than to one of its tasks (today: the
 * steps of the automatic pipeline, {@code org.albs.domain.release.AutoRelease}).
 *
 * @param event   a short code, lower case ({@code sign_task_created})
 * @param message what happened, for a person
 */
public record BuildEvent(long buildId, Instant at, String event, String message) {
    public BuildEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(message, "message");
    }
}
