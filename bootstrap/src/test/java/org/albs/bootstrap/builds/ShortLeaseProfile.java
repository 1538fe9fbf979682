package org.albs.bootstrap.builds;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Leases of two seconds, two attempts, a sweeper every half second: lease expiry in test time. */
public class ShortLeaseProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("albs.dispatch.lease-duration", "PT2S",
                "albs.dispatch.max-attempts", "2",
                "albs.dispatch.sweep-interval", "0.5s");
    }
}
