package org.albs.bootstrap.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * No background store job worker: the test runs the jobs itself, at the moments it chooses; a job backs off for a
 * fraction of a second, so a test sees it taken over soon.
 */
public class NoJobWorkersProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("albs.jobs.workers", "0", "albs.jobs.back-off", "PT0.2S", "albs.jobs.max-back-off", "PT0.4S");
    }
}
