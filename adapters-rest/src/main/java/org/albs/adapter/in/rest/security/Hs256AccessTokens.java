package org.albs.adapter.in.rest.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.albs.application.port.out.AccessTokens;
import org.albs.domain.identity.UserId;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Tokens exactly as upstream's fastapi-users JWTStrategy makes them: HS256 with the shared {@code JWT_SECRET},
 * {@code sub} = the user id as a string, {@code aud = ["fastapi-users:auth"]}, {@code exp}. Tokens minted by the
 * upstream {@code generate_token.py} therefore keep working, and ours work there.
 */
public class Hs256AccessTokens implements AccessTokens {
    public static final String AUDIENCE = "fastapi-users:auth";
    /** fastapi-users' audience of OAuth state tokens. */
    public static final String STATE_AUDIENCE = "fastapi-users:oauth-state";

    /** Nodes send the same token every few seconds: remember verified tokens instead of re-parsing them. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Verified(UserId user, long expiresAtEpochSecond) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final HmacKey key;
    private final Clock clock;
    private final JwtConsumer consumer;
    private final JwtConsumer stateConsumer;

    public Hs256AccessTokens(String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("JWT_SECRET must be set");
        }
        this.key = new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedAudience(AUDIENCE)
                .setEvaluationTime(null)
                .setVerificationKey(key)
                // upstream secrets may be shorter than 256 bits; PyJWT accepts them, so must we
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        this.stateConsumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setExpectedAudience(STATE_AUDIENCE)
                .setEvaluationTime(NumericDate.fromSeconds(0)) // expiry is checked by our clock
                .setVerificationKey(key)
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    @Override
    public String issue(UserId user, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user.toString());
        claims.setClaim("aud", List.of(AUDIENCE));
        claims.setExpirationTime(NumericDate.fromSeconds(clock.instant().plus(lifetime).getEpochSecond()));
        return sign(claims);
    }

    @Override
    public String issueState(String stateId, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setJwtId(stateId);
        claims.setClaim("aud", STATE_AUDIENCE);
        claims.setExpirationTime(NumericDate.fromSeconds(clock.instant().plus(lifetime).getEpochSecond()));
        return sign(claims);
    }

    @Override
    public Optional<LoginState> verifyState(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = stateConsumer.processToClaims(token);
            long expires = claims.getExpirationTime().getValue();
            if (expires <= clock.instant().getEpochSecond() || claims.getJwtId().length() > 64) {
                return Optional.empty();
            }
            return Optional.of(new LoginState(claims.getJwtId(), java.time.Instant.ofEpochSecond(expires)));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    @Override
    public Optional<UserId> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        Verified known = verified.get(token);
        if (known != null) {
            return known.expiresAtEpochSecond() > now ? Optional.of(known.user()) : Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            long expires = claims.getExpirationTime().getValue();
            if (expires <= now) {
                return Optional.empty();
            }
            long id = Long.parseLong(claims.getSubject());
            if (id <= 0) {
                return Optional.empty();
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, new Verified(new UserId(id), expires));
            return Optional.of(new UserId(id));
        } catch (InvalidJwtException | NumberFormatException | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
