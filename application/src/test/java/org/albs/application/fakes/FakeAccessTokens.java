package org.albs.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.application.port.out.AccessTokens;
import org.albs.domain.identity.UserId;

/** Tokens are "token-N-user-ID" strings that verify until their lifetime, by the given clock, has passed. */
public final class FakeAccessTokens implements AccessTokens {
    public record Issued(String token, UserId user, Duration lifetime, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Issued> issued = new LinkedHashMap<>();

    public FakeAccessTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String issue(UserId user, Duration lifetime) {
        String token = "token-" + (issued.size() + 1) + "-user-" + user.value();
        issued.put(token, new Issued(token, user, lifetime, clock.instant().plus(lifetime)));
        return token;
    }

    @Override
    public Optional<UserId> verify(String token) {
        Issued found = token == null ? null : issued.get(token);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found.user());
    }

    private final Map<String, LoginState> states = new LinkedHashMap<>();

    @Override
    public String issueState(String stateId, Duration lifetime) {
        String token = "state-" + stateId;
        states.put(token, new LoginState(stateId, clock.instant().plus(lifetime)));
        return token;
    }

    @Override
    public Optional<LoginState> verifyState(String token) {
        LoginState found = token == null ? null : states.get(token);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    public Optional<Issued> find(String token) {
        return Optional.ofNullable(issued.get(token));
    }

    public List<Issued> issued() {
        return new ArrayList<>(issued.values());
    }
}
