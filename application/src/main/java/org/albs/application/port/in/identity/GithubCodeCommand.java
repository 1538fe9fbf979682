package org.albs.application.port.in.identity;

import org.albs.domain.Problems;

/** An OAuth authorization code GitHub handed to the client, validated on construction. */
public record GithubCodeCommand(String code) {
    static final int MAX_CODE_LENGTH = 512;

    public GithubCodeCommand {
        Problems problems = new Problems();
        checkCode(code, problems, "code");
        problems.throwIfAny();
    }

    static void checkCode(String code, Problems problems, Object... loc) {
        if (code == null) {
            problems.add("Field required", "missing", loc);
        } else if (code.isBlank() || code.length() > MAX_CODE_LENGTH) {
            problems.add("code must be 1-" + MAX_CODE_LENGTH + " characters", "value_error", loc);
        }
    }
}
