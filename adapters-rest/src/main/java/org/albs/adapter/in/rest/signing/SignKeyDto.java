package org.albs.adapter.in.rest.signing;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.signing.SignKey;

/**
 * upstream's {@code SignKey}: {@code description} is never null (upstream's schema requires it); times are naive
 * UTC. {@code product_id} stays null until products exist; {@code product_name} and {@code fingerprint} are ours.
 */
@RegisterForReflection
public record SignKeyDto(long id, String name, String description, String keyid, String fingerprint,
                         String publicUrl, LocalDateTime inserted, boolean active, LocalDateTime archived,
                         List<Long> platformIds, Long productId, boolean isCommunity, String productName) {
    static SignKeyDto of(SignKey k) {
        if (k == null) {
            return null;
        }
        return new SignKeyDto(k.id(), k.name(), k.description(), k.keyid(), k.fingerprint(), k.publicUrl(),
                time(k.inserted()), k.active(), time(k.archived()), k.platformIds(), null, k.community(),
                k.productName());
    }

    static LocalDateTime time(java.time.Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
