package org.albs.application.fakes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.albs.application.port.out.LoginStates;

public final class InMemoryLoginStates implements LoginStates {
    private final Map<String, Instant> used = new HashMap<>();

    @Override
    public boolean useOnce(String stateId, Instant expiresAt, Instant now) {
        used.values().removeIf(expiry -> !expiry.isAfter(now));
        return used.putIfAbsent(stateId, expiresAt) == null;
    }
}
