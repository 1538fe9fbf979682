package org.albs.bootstrap.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** No background store job worker: the test runs the jobs itself, at the moments it chooses. */
public class NoJobWorkersProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("albs.jobs.workers", "0");
    }
}
