package org.albs.application.port.in.identity;

import org.albs.domain.Problems;
import org.albs.domain.identity.NewUser;

/** A service account's names, validated on construction. */
public record NewAccountCommand(String username, String email) {
    public NewAccountCommand {
        Problems problems = new Problems();
        NewUser.validateNames(username, email, problems);
        problems.throwIfAny();
    }
}
