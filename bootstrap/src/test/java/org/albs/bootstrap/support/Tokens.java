package org.albs.bootstrap.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints tokens the way upstream's fastapi-users JWTStrategy (PyJWT) does, with nothing but javax.crypto, so the
 * tests do not trust the production token code to check itself:
 * header {@code {"alg":"HS256","typ":"JWT"}}, claims {@code {"sub":"<id>","aud":["fastapi-users:auth"],"exp":N}}.
 */
public final class Tokens {
    /** The secret of the test profile (application.properties, %test.albs.auth.jwt-secret). */
    public static final String SECRET = "test-secret-for-the-albs-test-suite";
    public static final String AUDIENCE = "fastapi-users:auth";

    private Tokens() {
    }

    /** A token for the user that is valid for an hour. */
    public static String valid(long userId) {
        return sign(claims(Long.toString(userId), AUDIENCE, inOneHour()), SECRET);
    }

    public static String expired(long userId) {
        return sign(claims(Long.toString(userId), AUDIENCE, Instant.now().getEpochSecond() - 60), SECRET);
    }

    public static String wrongSecret(long userId) {
        return sign(claims(Long.toString(userId), AUDIENCE, inOneHour()), "not-" + SECRET);
    }

    public static String wrongAudience(long userId) {
        return sign(claims(Long.toString(userId), "fastapi-users:oauth-state", inOneHour()), SECRET);
    }

    public static String nonNumericSubject() {
        return sign(claims("admin", AUDIENCE, inOneHour()), SECRET);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    static String claims(String sub, String audience, long exp) {
        return "{\"sub\":\"" + sub + "\",\"aud\":[\"" + audience + "\"],\"exp\":" + exp + "}";
    }

    static String sign(String claimsJson, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long inOneHour() {
        return Instant.now().getEpochSecond() + 3600;
    }
}
