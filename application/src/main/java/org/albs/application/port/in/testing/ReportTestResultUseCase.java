package org.albs.application.port.in.testing;

import org.albs.domain.identity.User;

/** ALTS posts a test's result ({@code POST /api/v1/tests/{id}/result/}). */
public interface ReportTestResultUseCase {
    /**
     * Ends the test by the result's verdict, or, when it has already ended, changes nothing (ALTS posts again when
     * its POST failed, and posts {@code revoked} for tests it cancelled).
     *
     * @return whether the result changed the test
     */
    boolean report(User reporter, long testTaskId, TestResultCommand result);
}
