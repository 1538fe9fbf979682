package org.albs.application.port.in.testing;

import java.util.List;

import org.albs.domain.identity.User;

/** ALTS's poll ({@code GET /api/v1/tests/get_test_tasks/}): leases it up to ten waiting tests. */
public interface PollTestTasksUseCase {
    int MAX_TASKS = 10;

    /** The leased tests' payloads; empty, never null, when nothing waits. */
    List<TestTaskPayload> poll(User testSystem);
}
