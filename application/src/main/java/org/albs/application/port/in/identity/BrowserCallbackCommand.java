package org.albs.application.port.in.identity;

import org.albs.domain.Problems;

/** What GitHub sends the browser back with: the authorization code and our signed state. */
public record BrowserCallbackCommand(String code, String state) {
    private static final int MAX_STATE_LENGTH = 2048;

    public BrowserCallbackCommand {
        Problems problems = new Problems();
        GithubCodeCommand.checkCode(code, problems, "code");
        if (state == null) {
            problems.add("Field required", "missing", "state");
        } else if (state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            problems.add("state must be 1-" + MAX_STATE_LENGTH + " characters", "value_error", "state");
        }
        problems.throwIfAny();
    }
}
