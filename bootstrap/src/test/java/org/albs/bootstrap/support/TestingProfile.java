package org.albs.bootstrap.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test system's tests: no background job worker (the test runs the jobs), a short test lease (3 s) with two
 * attempts, and the fake ALTS scheduler, answering quickly and retried once.
 */
public class TestingProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("albs.jobs.workers", "0", "albs.jobs.back-off", "PT0.2S", "albs.jobs.max-back-off", "PT0.4S",
                "albs.jobs.max-attempts", "2",
                "albs.tests.lease-duration", "PT3S", "albs.tests.max-attempts", "2",
                "albs.alts.host", AltsStub.shared().baseUrl(), "albs.alts.token", AltsStub.TOKEN,
                "albs.alts.timeout", "PT1S", "albs.alts.retries", "1");
    }
}
