package org.albs.application.port.in.signing;

import java.util.List;
import java.util.Optional;

import org.albs.domain.identity.User;

/** Sign tasks as users see them: creating one for a build, listing them. */
public interface SignTasksUseCase {
    int PAGE_SIZE = 100;

    SignTaskView create(User user, Long buildId, Long signKeyId);

    /** The build's tasks, or, without a build, one page of every task (newest first). */
    List<SignTaskView> list(Optional<Long> buildId, int page);
}
