package org.albs.application.port.in.identity;

import org.albs.domain.identity.User;

public interface IssueTokenUseCase {
    /** A long-lived token for an active account; superusers only. */
    String issueToken(User actor, long userId, TokenCommand command);
}
