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
        return Map.ofEntries(Map.entry("albs.jobs.workers", "0"), Map.entry("albs.jobs.back-off", "PT0.2S"),
                Map.entry("albs.jobs.max-back-off", "PT0.4S"), Map.entry("albs.jobs.max-attempts", "2"),
                Map.entry("albs.tests.lease-duration", "PT3S"), Map.entry("albs.tests.max-attempts", "2"),
                Map.entry("albs.alts.host", AltsStub.shared().baseUrl()), Map.entry("albs.alts.token", AltsStub.TOKEN),
                Map.entry("albs.alts.timeout", "PT1S"), Map.entry("albs.alts.retries", "1"),
                Map.entry("albs.alts.backoff", "PT0.05S"));
    }
}
