package org.albs.application.port.out;

import java.util.List;

/**
 * The test system (ALTS), in the one direction the server calls it: cancelling tests it has started. It pulls its
 * work itself (the test tasks' lease queue).
 */
public interface TestSystem {
    /**
     * Asks the test system to cancel these test tasks; returns when it confirmed.
     *
     * @throws TestSystemException when it could not (transient: no answer, 5xx, a timeout, after the adapter's
     *                             own retries)
     */
    void cancel(List<Long> testTaskIds);
}
