package org.albs.domain.signing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

/**
 * A PGP key sign nodes sign with, as upstream keeps it: its long key id and fingerprint (16 and 40 hex digits,
 * upper-case, each unique), where its public half is published, the platforms it is for, whether it is active (an
 * archived key signs nothing new), and, for a community key, the product it was generated for.
 */
public record SignKey(long id, String name, String description, String keyid, String fingerprint, String publicUrl,
                      Instant inserted, boolean active, Instant archived, List<Long> platformIds, UserId owner,
                      boolean community, String productName) {
    public SignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyid, "keyid");
        Objects.requireNonNull(fingerprint, "fingerprint");
        description = description == null ? "" : description;
        publicUrl = publicUrl == null ? "" : publicUrl;
        platformIds = platformIds == null ? List.of() : List.copyOf(platformIds);
    }

    /**
     * Who may sign with the key: superusers always; otherwise anybody for a key of the build farm, only its owner
     * for a community key (upstream's "use_sign_key" permission, without teams).
     */
    public boolean usableBy(User user) {
        return user.superuser() || !community || user.id().equals(owner);
    }

    /** The key archived: it stops being active and says since when. */
    public SignKey archive(Instant now) {
        return new SignKey(id, name, description, keyid, fingerprint, publicUrl, inserted, false, now, platformIds,
                owner, community, productName);
    }
}
